package cn.mailbox.portal.ratelimit;

import java.net.InetAddress;
import java.util.List;

import cn.mailbox.portal.ratelimit.RateLimitSettings.ActionLimits;
import cn.mailbox.portal.web.ClientAddress;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class LimiterTests {

	private final Limiter limiter = new Limiter(new LocalBucketStore(1000, new LocalBucketStoreTests.FakeTime()),
			List.of(ClientAddress.Block.parse("10.0.0.0/8")));

	private final ActionLimits limits = new RateLimitSettings.Track(Limit.of("2/1m"), Limit.of("3/1m"),
			Limit.of("100/1m"));

	@Test
	void limitsOneAddressWithoutTouchingAnother() {
		allowed("track", "198.51.100.7");
		allowed("track", "198.51.100.7");
		limited("track", "198.51.100.7");
		allowed("track", "203.0.113.9");
	}

	@Test
	void limitsANetworkOfManyAddresses() {
		allowed("track", "198.51.100.1");
		allowed("track", "198.51.100.2");
		allowed("track", "198.51.100.3");
		limited("track", "198.51.100.4");
		allowed("track", "198.51.101.4");
	}

	@Test
	void countsAnIpv6ClientByItsSlash64() {
		allowed("track", "2001:db8:1:2::1");
		allowed("track", "2001:db8:1:2::2");
		allowed("track", "2001:db8:1:2:ffff::3");
		limited("track", "2001:db8:1:2:abcd::4");
		allowed("track", "2001:db8:1:3::1");
		assertThat(Limiter.network(address("2001:db8:1:2:abcd::4"))).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(Limiter.network(address("198.51.100.200"))).isEqualTo("198.51.100.0/24");
	}

	@Test
	void stopsEveryoneAtTheGlobalCeiling() {
		ActionLimits tight = new RateLimitSettings.Track(Limit.NONE, Limit.NONE, Limit.of("2/1m"));
		StepVerifier.create(this.limiter.take("global", tight, address("198.51.100.1"))).verifyComplete();
		StepVerifier.create(this.limiter.take("global", tight, address("203.0.113.1"))).verifyComplete();
		StepVerifier.create(this.limiter.take("global", tight, address("192.0.2.1"))).verifyError(RateLimited.class);
	}

	@Test
	void limitsAContactWhateverAddressItWritesFrom() {
		ActionLimits submit = new RateLimitSettings.Submit(Limit.NONE, Limit.NONE, Limit.of("2/1h"), Limit.NONE);
		ContactLimiter contacts = new ContactLimiter(this.limiter, submit);
		StepVerifier.create(limitedSubmission(contacts.check("138 0013 8000", null))).verifyComplete();
		StepVerifier.create(limitedSubmission(contacts.check("+86 13800138000", "a@example.cn"))).verifyComplete();
		StepVerifier.create(limitedSubmission(contacts.check("138-0013-8000", null)))
			.expectErrorSatisfies((error) -> assertThat(((RateLimited) error).retryAfter()).isPositive())
			.verify();
		StepVerifier.create(limitedSubmission(contacts.check(null, "A@Example.CN "))).verifyComplete();
		StepVerifier.create(limitedSubmission(contacts.check(null, "a@example.cn"))).verifyError(RateLimited.class);
		StepVerifier.create(limitedSubmission(contacts.check("13900000000", null))).verifyComplete();
	}

	@Test
	void leavesSubmissionsThatDidNotComeThroughTheFilterAlone() {
		ActionLimits submit = new RateLimitSettings.Submit(Limit.NONE, Limit.NONE, Limit.of("1/1h"), Limit.NONE);
		ContactLimiter contacts = new ContactLimiter(this.limiter, submit);
		for (int i = 0; i < 5; i++) {
			StepVerifier.create(contacts.check("13800138000", null)).verifyComplete();
		}
	}

	@Test
	void neverLimitsAnExemptClient() {
		assertThat(this.limiter.exempt(address("10.1.2.3"))).isTrue();
		assertThat(this.limiter.exempt(address("11.1.2.3"))).isFalse();
		assertThat(this.limiter.exempt(null)).isFalse();
	}

	@Test
	void peeksAtFailuresWithoutCountingThem() {
		ActionLimits failures = new RateLimitSettings.FailedLogin(Limit.of("2/15m"), Limit.NONE, Limit.NONE);
		InetAddress client = address("192.0.2.50");
		for (int i = 0; i < 5; i++) {
			StepVerifier.create(this.limiter.peek("failed-login", failures, client)).verifyComplete();
		}
		StepVerifier.create(this.limiter.count("failed-login", failures, client)).verifyComplete();
		StepVerifier.create(this.limiter.count("failed-login", failures, client)).verifyComplete();
		StepVerifier.create(this.limiter.count("failed-login", failures, client)).verifyComplete();
		StepVerifier.create(this.limiter.peek("failed-login", failures, client)).verifyError(RateLimited.class);
	}

	private static Mono<Void> limitedSubmission(Mono<Void> check) {
		return check.contextWrite((context) -> context.put(ContactLimiter.LIMITED_SUBMISSION, true));
	}

	private void allowed(String action, String client) {
		StepVerifier.create(this.limiter.take(action, this.limits, address(client))).verifyComplete();
	}

	private void limited(String action, String client) {
		StepVerifier.create(this.limiter.take(action, this.limits, address(client))).verifyError(RateLimited.class);
	}

	private static InetAddress address(String text) {
		return ClientAddress.literal(text);
	}

}
