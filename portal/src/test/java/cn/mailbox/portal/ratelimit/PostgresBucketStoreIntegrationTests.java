package cn.mailbox.portal.ratelimit;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.ratelimit.BucketKey.Scope;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two portal instances over one database, played by two stores with connection pools of
 * their own: what one spends, the other sees.
 */
@PortalIntegrationTest
class PostgresBucketStoreIntegrationTests {

	@Autowired
	DatabaseClient db;

	@Autowired
	Environment environment;

	private ConnectionPool secondPool;

	private PostgresBucketStore first;

	private PostgresBucketStore second;

	@BeforeEach
	void twoInstances() {
		ConnectionFactoryOptions options = ConnectionFactoryOptions
			.parse(this.environment.getRequiredProperty("spring.r2dbc.url"))
			.mutate()
			.option(ConnectionFactoryOptions.USER, this.environment.getRequiredProperty("spring.r2dbc.username"))
			.option(ConnectionFactoryOptions.PASSWORD, this.environment.getRequiredProperty("spring.r2dbc.password"))
			.build();
		this.secondPool = new ConnectionPool(
				ConnectionPoolConfiguration.builder(ConnectionFactories.get(options)).maxSize(4).build());
		this.first = new PostgresBucketStore(this.db);
		this.second = new PostgresBucketStore(DatabaseClient.create(this.secondPool));
	}

	@AfterEach
	void close() {
		this.first.close();
		this.second.close();
		this.secondPool.dispose();
	}

	@Test
	void oneInstanceSeesWhatAnotherSpent() {
		BucketKey key = new BucketKey("track", Scope.ADDRESS, "198.51.100." + UUID.randomUUID());
		Limit limit = Limit.of("3/1m");
		assertThat(this.first.tryConsume(key, limit).blockOptional()).isEmpty();
		assertThat(this.first.tryConsume(key, limit).blockOptional()).isEmpty();
		assertThat(this.second.peek(key, limit).blockOptional()).isEmpty();
		assertThat(this.second.tryConsume(key, limit).blockOptional()).isEmpty();
		assertThat(this.second.tryConsume(key, limit).block()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20));
		assertThat(this.first.tryConsume(key, limit).blockOptional()).isPresent();
		assertThat(this.first.peek(key, limit).blockOptional()).isPresent();
	}

	@Test
	void racingInstancesHandOutNoMoreTokensThanTheLimit() {
		BucketKey key = new BucketKey("submit", Scope.GLOBAL, "race-" + UUID.randomUUID());
		Limit limit = Limit.of("10/1h");
		List<Boolean> taken = Flux.range(0, 40)
			.flatMap((i) -> ((i % 2 == 0) ? this.first : this.second).tryConsume(key, limit)
				.map((wait) -> false)
				.defaultIfEmpty(true), 16)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(taken).filteredOn(Boolean::booleanValue).hasSize(10);
	}

	@Test
	void limitsThroughTheLimiterAcrossInstances() throws Exception {
		InetAddress client = InetAddress.getByName("203.0.113.77");
		RateLimitSettings.Track limits = new RateLimitSettings.Track(Limit.of("2/10m"), Limit.NONE, Limit.NONE);
		String action = "track-" + UUID.randomUUID();
		Limiter one = new Limiter(this.first, List.of());
		Limiter other = new Limiter(this.second, List.of());
		assertThat(one.take(action, limits, client).then(Mono.just(true)).block()).isTrue();
		assertThat(other.take(action, limits, client).then(Mono.just(true)).block()).isTrue();
		assertThat(
				one.take(action, limits, client).then(Mono.just(true)).onErrorReturn(RateLimited.class, false).block())
			.isFalse();
	}

	@Test
	void keepsEachRowOnlyUntilItsBucketIsFullAgain() {
		BucketKey key = new BucketKey("feedback", Scope.ADDRESS, "expiry-" + UUID.randomUUID());
		this.first.tryConsume(key, Limit.of("5/1m")).block();
		Duration keptFor = this.db.sql(
				"select extract(epoch from expires_at - now())::float8 as seconds from rate_limit_buckets where id like :id")
			.bind("id", key + "|%")
			.map((row) -> Duration.ofMillis((long) (row.get("seconds", Double.class) * 1000)))
			.one()
			.block();
		// 12 s to refill one token of 5/1m, plus the 10 s the row is kept after
		assertThat(keptFor).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(25));
		assertThat(this.first.removeExpired().block()).isNotNegative();
	}

}
