package cn.mailbox.portal.ratelimit;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Bucket4j's lock-free local buckets in a bounded map. When the map outgrows its bound it
 * first forgets buckets idle long enough to have refilled completely (which loses
 * nothing: a new bucket starts full), at most once a second unless it has overflowed by a
 * tenth; if that is not enough (a flood of distinct addresses), it forgets arbitrary
 * per-client buckets down to 90% of the bound, never the global ones, and says so in the
 * log. Every operation is a compare-and-set in memory, safe on an event loop.
 */
public final class LocalBucketStore implements BucketStore {

	private static final Logger log = LoggerFactory.getLogger(LocalBucketStore.class);

	private static final long SWEEP_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

	private final Map<BucketKey, Entry> buckets = new ConcurrentHashMap<>();

	private final int maxBuckets;

	private final TimeMeter time;

	private static final long WARNING_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

	private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

	public LocalBucketStore(int maxBuckets) {
		this(maxBuckets, TimeMeter.SYSTEM_NANOTIME);
	}

	/** With a time source of the test's choosing. */
	LocalBucketStore(int maxBuckets, TimeMeter time) {
		this.maxBuckets = maxBuckets;
		this.time = time;
	}

	@Override
	public Mono<Duration> tryConsume(BucketKey key, Limit limit) {
		if (limit.isNone()) {
			return Mono.empty();
		}
		ConsumptionProbe probe = bucket(key, limit).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Mono.empty() : Mono.just(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	@Override
	public Mono<Duration> peek(BucketKey key, Limit limit) {
		if (limit.isNone()) {
			return Mono.empty();
		}
		EstimationProbe probe = bucket(key, limit).estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? Mono.empty() : Mono.just(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/** How many buckets are held now. */
	int size() {
		return this.buckets.size();
	}

	private LocalBucket bucket(BucketKey key, Limit limit) {
		long now = this.time.currentTimeNanos();
		Entry entry = this.buckets.get(key);
		if (entry == null || !entry.limit().equals(limit)) {
			entry = this.buckets.compute(key, (k, old) -> (old != null && old.limit().equals(limit)) ? old
					: new Entry(newBucket(limit), limit, now));
			if (this.buckets.size() > this.maxBuckets) {
				sweep(now);
			}
		}
		entry.touch(now);
		return entry.bucket();
	}

	private LocalBucket newBucket(Limit limit) {
		LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(this.time);
		for (Rate rate : limit.rates()) {
			builder.addLimit(
					Bandwidth.builder().capacity(rate.tokens()).refillGreedy(rate.tokens(), rate.period()).build());
		}
		return builder.build();
	}

	private void sweep(long now) {
		long last = this.lastSweep.get();
		boolean overflowing = this.buckets.size() > this.maxBuckets + this.maxBuckets / 10;
		if (!overflowing && last != Long.MIN_VALUE && now - last < SWEEP_INTERVAL_NANOS) {
			return;
		}
		if (!this.lastSweep.compareAndSet(last, now)) {
			return;
		}
		this.buckets.entrySet()
			.removeIf((e) -> now - e.getValue().lastUsed() >= e.getValue().limit().refillsCompletelyIn().toNanos());
		int target = this.maxBuckets * 9 / 10;
		if (this.buckets.size() <= this.maxBuckets) {
			return;
		}
		int forgotten = 0;
		Iterator<BucketKey> keys = this.buckets.keySet().iterator();
		while (keys.hasNext() && this.buckets.size() > target) {
			if (keys.next().scope() != BucketKey.Scope.GLOBAL) {
				keys.remove();
				forgotten++;
			}
		}
		long lastWarning = this.lastWarning.get();
		if ((lastWarning == Long.MIN_VALUE || now - lastWarning >= WARNING_INTERVAL_NANOS)
				&& this.lastWarning.compareAndSet(lastWarning, now)) {
			log.warn(
					"Rate-limit buckets full ({} max, a flood of distinct clients?): forgot {} busy per-client buckets",
					this.maxBuckets, forgotten);
		}
	}

	private static final class Entry {

		private final LocalBucket bucket;

		private final Limit limit;

		private volatile long lastUsed;

		Entry(LocalBucket bucket, Limit limit, long now) {
			this.bucket = bucket;
			this.limit = limit;
			this.lastUsed = now;
		}

		LocalBucket bucket() {
			return this.bucket;
		}

		Limit limit() {
			return this.limit;
		}

		long lastUsed() {
			return this.lastUsed;
		}

		void touch(long now) {
			this.lastUsed = now;
		}

	}

}
