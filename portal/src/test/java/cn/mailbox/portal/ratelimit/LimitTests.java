package cn.mailbox.portal.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LimitTests {

	@Test
	void readsSeveralBandwidthsSeparatedByCommas() {
		Limit limit = Limit.of("10/1m, 30/1h,100/1d");
		assertThat(limit.rates()).containsExactly(new Rate(10, Duration.ofMinutes(1)),
				new Rate(30, Duration.ofHours(1)), new Rate(100, Duration.ofDays(1)));
		assertThat(limit.refillsCompletelyIn()).isEqualTo(Duration.ofDays(1));
		assertThat(limit).hasToString("10/1m,30/1h,100/1d");
	}

	@Test
	void readsNoneAndBlankAsNoLimit() {
		assertThat(Limit.of("none").isNone()).isTrue();
		assertThat(Limit.of(" ").isNone()).isTrue();
		assertThat(Limit.of("20/10m").isNone()).isFalse();
	}

	@Test
	void refusesTextThatIsNotARate() {
		assertThatIllegalArgumentException().isThrownBy(() -> Limit.of("10 per minute"));
		assertThatIllegalArgumentException().isThrownBy(() -> Limit.of("10/1w"));
		assertThatIllegalArgumentException().isThrownBy(() -> Limit.of("0/1m"));
		assertThatIllegalArgumentException().isThrownBy(() -> Limit.of("10/0s"));
	}

	@Test
	void bindsDefaultsAndOverridesFromConfiguration() {
		RateLimitSettings settings = bind(Map.of("portal.rate-limits.submit.per-address", "3/1s,7/1m",
				"portal.rate-limits.track.global", "none", "portal.rate-limits.exempt", "10.0.0.0/8,::1"));
		assertThat(settings.submit().perAddress()).isEqualTo(Limit.of("3/1s,7/1m"));
		assertThat(settings.submit().perContact()).isEqualTo(Limit.of("5/1h,20/1d"));
		assertThat(settings.track().global().isNone()).isTrue();
		assertThat(settings.track().perAddress()).isEqualTo(Limit.of("20/10m,100/1d"));
		assertThat(settings.failedLogin().perAddress()).isEqualTo(Limit.of("10/15m"));
		assertThat(settings.exempt()).containsExactly("10.0.0.0/8", "::1");
		assertThat(settings.maxBuckets()).isEqualTo(100_000);
	}

	@Test
	void bindsTheOverloadDefaults() {
		OverloadSettings overload = new Binder(new MapConfigurationPropertySource(Map.of("portal.overload.x", "1")))
			.bindOrCreate("portal.overload", OverloadSettings.class);
		assertThat(overload.maxConcurrentSubmissions()).isEqualTo(64);
		assertThat(overload.maxQueuedSubmissions()).isEqualTo(128);
		assertThat(overload.maxQueueWait()).isEqualTo(Duration.ofMillis(500));
		assertThat(overload.retryAfter()).isEqualTo(Duration.ofSeconds(5));
	}

	private static RateLimitSettings bind(Map<String, String> properties) {
		return new Binder(List.of(new MapConfigurationPropertySource(properties))).bindOrCreate("portal.rate-limits",
				RateLimitSettings.class);
	}

}
