package cn.mailbox.portal.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import cn.mailbox.portal.ratelimit.BucketKey.Scope;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalBucketStoreTests {

	private final FakeTime time = new FakeTime();

	@Test
	void refusesPastTheLimitAndSaysHowLongToWait() {
		LocalBucketStore store = new LocalBucketStore(100, this.time);
		BucketKey key = new BucketKey("track", Scope.ADDRESS, "198.51.100.7");
		Limit limit = Limit.of("2/1m");
		assertThat(store.tryConsume(key, limit).blockOptional()).isEmpty();
		assertThat(store.tryConsume(key, limit).blockOptional()).isEmpty();
		assertThat(store.tryConsume(key, limit).block()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void refillsWithTime() {
		LocalBucketStore store = new LocalBucketStore(100, this.time);
		BucketKey key = new BucketKey("track", Scope.ADDRESS, "198.51.100.7");
		Limit limit = Limit.of("1/1m");
		store.tryConsume(key, limit).block();
		assertThat(store.tryConsume(key, limit).blockOptional()).isPresent();
		this.time.advance(Duration.ofSeconds(61));
		assertThat(store.tryConsume(key, limit).blockOptional()).isEmpty();
	}

	@Test
	void enforcesEveryBandwidthOfALimit() {
		LocalBucketStore store = new LocalBucketStore(100, this.time);
		BucketKey key = new BucketKey("submit", Scope.ADDRESS, "198.51.100.7");
		Limit limit = Limit.of("2/1s,3/1h");
		for (int i = 0; i < 3; i++) {
			assertThat(store.tryConsume(key, limit).blockOptional()).isEmpty();
			this.time.advance(Duration.ofSeconds(2));
		}
		assertThat(store.tryConsume(key, limit).block()).isGreaterThan(Duration.ofMinutes(10));
	}

	@Test
	void peeksWithoutTakingAToken() {
		LocalBucketStore store = new LocalBucketStore(100, this.time);
		BucketKey key = new BucketKey("failed-login", Scope.ADDRESS, "192.0.2.1");
		Limit limit = Limit.of("1/15m");
		assertThat(store.peek(key, limit).blockOptional()).isEmpty();
		assertThat(store.peek(key, limit).blockOptional()).isEmpty();
		store.tryConsume(key, limit).block();
		assertThat(store.peek(key, limit).blockOptional()).isPresent();
	}

	@Test
	void forgetsBucketsThatHaveRefilledWhenItOutgrowsItsBound() {
		LocalBucketStore store = new LocalBucketStore(100, this.time);
		Limit limit = Limit.of("1/1m");
		BucketKey busy = new BucketKey("track", Scope.ADDRESS, "busy");
		for (int i = 0; i < 100; i++) {
			store.tryConsume(new BucketKey("track", Scope.ADDRESS, "idle-" + i), limit).block();
		}
		this.time.advance(Duration.ofMinutes(2));
		store.tryConsume(busy, limit).block();
		assertThat(store.size()).isEqualTo(1);
		assertThat(store.tryConsume(busy, limit).blockOptional()).as("the busy bucket kept its count").isPresent();
	}

	@Test
	void staysBoundedUnderAFloodOfBusyClientsButKeepsTheGlobalCeiling() {
		LocalBucketStore store = new LocalBucketStore(100, this.time);
		Limit limit = Limit.of("1/1h");
		BucketKey global = new BucketKey("track", Scope.GLOBAL, "*");
		store.tryConsume(global, limit).block();
		for (int i = 0; i < 1000; i++) {
			store.tryConsume(new BucketKey("track", Scope.ADDRESS, "flood-" + i), limit).block();
			this.time.advance(Duration.ofMillis(1100));
		}
		assertThat(store.size()).isLessThanOrEqualTo(101);
		assertThat(store.tryConsume(global, limit).blockOptional()).as("the global bucket is never forgotten")
			.isPresent();
	}

	@Test
	void neverLimitsNone() {
		LocalBucketStore store = new LocalBucketStore(100, this.time);
		for (int i = 0; i < 1000; i++) {
			assertThat(store.tryConsume(new BucketKey("x", Scope.GLOBAL, "*"), Limit.NONE).blockOptional()).isEmpty();
		}
		assertThat(store.size()).isZero();
	}

	static final class FakeTime implements TimeMeter {

		private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

		void advance(Duration duration) {
			this.nanos.addAndGet(duration.toNanos());
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
