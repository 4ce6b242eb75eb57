package cn.mailbox.portal.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Token buckets in the PostgreSQL table {@code rate_limit_buckets}, shared by every
 * portal instance on the same database, so a client gets its limit once however many
 * instances a load balancer spreads it over
 * ({@code portal.rate-limits.store=postgresql}).
 *
 * <p>
 * Bucket4j's compare-and-swap protocol over R2DBC: read the bucket's state, compute the
 * new one in memory, write it only if the row still holds what was read (else read
 * again). Every step is a non-blocking statement on the application's own connection
 * pool, so it is safe on an event loop and needs no JDBC driver, pool or thread of its
 * own. A row expires once its bucket would be full again (forgetting it loses nothing)
 * and a sweep deletes expired rows every minute. The bucket's time is each instance's
 * clock: instances must keep their clocks in step (NTP), as for any shared store.
 *
 * <p>
 * The price is two database round trips per limited request (three or four per scope:
 * address, network, global), against an in-memory compare-and-set for the local store.
 */
public final class PostgresBucketStore implements BucketStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PostgresBucketStore.class);

	private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

	private final AsyncProxyManager<String> buckets;

	private final DatabaseClient db;

	private final Disposable sweeping;

	public PostgresBucketStore(DatabaseClient db) {
		this.db = db;
		this.buckets = new BucketTable(db).asAsync();
		this.sweeping = Flux.interval(SWEEP_INTERVAL, SWEEP_INTERVAL, Schedulers.parallel())
			.concatMap((tick) -> removeExpired().onErrorResume((ex) -> {
				log.warn("Could not delete expired rate-limit buckets: {}", ex.getMessage());
				return Mono.empty();
			}))
			.subscribe();
	}

	@Override
	public Mono<Duration> tryConsume(BucketKey key, Limit limit) {
		if (limit.isNone()) {
			return Mono.empty();
		}
		return Mono.fromFuture(() -> bucket(key, limit).tryConsumeAndReturnRemaining(1))
			.flatMap((ConsumptionProbe probe) -> probe.isConsumed() ? Mono.empty()
					: Mono.just(Duration.ofNanos(probe.getNanosToWaitForRefill())));
	}

	@Override
	public Mono<Duration> peek(BucketKey key, Limit limit) {
		if (limit.isNone()) {
			return Mono.empty();
		}
		return Mono.fromFuture(() -> bucket(key, limit).estimateAbilityToConsume(1))
			.flatMap((EstimationProbe probe) -> probe.canBeConsumed() ? Mono.empty()
					: Mono.just(Duration.ofNanos(probe.getNanosToWaitForRefill())));
	}

	/** Deletes the rows of buckets that are full again; answers how many. */
	Mono<Long> removeExpired() {
		return this.db.sql("delete from rate_limit_buckets where expires_at < :now")
			.bind("now", Instant.now())
			.fetch()
			.rowsUpdated();
	}

	@Override
	public void close() {
		this.sweeping.dispose();
	}

	/**
	 * The limit is part of the row's key: after a configuration change a client starts
	 * with a full bucket of the new limit, and the old row expires.
	 */
	private AsyncBucketProxy bucket(BucketKey key, Limit limit) {
		return this.buckets.getProxy(key + "|" + limit, () -> CompletableFuture.completedFuture(configuration(limit)));
	}

	private static BucketConfiguration configuration(Limit limit) {
		var builder = BucketConfiguration.builder();
		for (Rate rate : limit.rates()) {
			builder
				.addLimit((bandwidth) -> bandwidth.capacity(rate.tokens()).refillGreedy(rate.tokens(), rate.period()));
		}
		return builder.build();
	}

	/** Bucket4j's view of the table: a compare-and-swap per key, asynchronous only. */
	private static final class BucketTable extends AbstractCompareAndSwapBasedProxyManager<String> {

		private final DatabaseClient db;

		private final ExpirationAfterWriteStrategy expiry;

		BucketTable(DatabaseClient db) {
			this(db, ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)));
		}

		private BucketTable(DatabaseClient db, ExpirationAfterWriteStrategy expiry) {
			super(ClientSideConfig.getDefault().withExpirationAfterWriteStrategy(expiry));
			this.db = db;
			this.expiry = expiry;
		}

		@Override
		protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
			return new AsyncCompareAndSwapOperation() {

				@Override
				public CompletableFuture<Optional<byte[]>> getStateData(Optional<Long> timeoutNanos) {
					return BucketTable.this.db.sql("select state from rate_limit_buckets where id = :id")
						.bind("id", key)
						.map((row) -> row.get("state", byte[].class))
						.one()
						.map(Optional::of)
						.defaultIfEmpty(Optional.empty())
						.toFuture();
				}

				@Override
				public CompletableFuture<Boolean> compareAndSwap(byte[] originalData, byte[] newData,
						RemoteBucketState newState, Optional<Long> timeoutNanos) {
					Instant expiresAt = Instant.now()
						.plusMillis(BucketTable.this.expiry.calculateTimeToLiveMillis(newState, currentTimeNanos()));
					DatabaseClient.GenericExecuteSpec statement = (originalData == null) ? BucketTable.this.db.sql("""
							insert into rate_limit_buckets (id, state, expires_at) values (:id, :state, :expires)
							on conflict (id) do nothing""") : BucketTable.this.db.sql("""
							update rate_limit_buckets set state = :state, expires_at = :expires
							where id = :id and state = :original""").bind("original", originalData);
					return statement.bind("id", key)
						.bind("state", newData)
						.bind("expires", expiresAt)
						.fetch()
						.rowsUpdated()
						.map((rows) -> rows == 1)
						.toFuture();
				}

			};
		}

		@Override
		protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
			throw new UnsupportedOperationException("Blocking use of the shared rate-limit store is not allowed");
		}

		@Override
		protected CompletableFuture<Void> removeAsync(String key) {
			return this.db.sql("delete from rate_limit_buckets where id = :id").bind("id", key).then().toFuture();
		}

		@Override
		public void removeProxy(String key) {
			throw new UnsupportedOperationException("Blocking use of the shared rate-limit store is not allowed");
		}

		@Override
		public boolean isAsyncModeSupported() {
			return true;
		}

		@Override
		public boolean isExpireAfterWriteSupported() {
			return true;
		}

	}

}
