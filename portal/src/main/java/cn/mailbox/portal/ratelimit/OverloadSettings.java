package cn.mailbox.portal.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portal.overload}: how many submissions may work on the database at once, how
 * many may wait for a turn and for how long; the rest are answered 503 at once.
 *
 * @param maxConcurrentSubmissions submissions in progress at once
 * @param maxQueuedSubmissions submissions waiting for a turn
 * @param maxQueueWait how long one may wait before it is answered 503
 * @param retryAfter what the 503 tells the client to wait
 */
@ConfigurationProperties("portal.overload")
public record OverloadSettings(@DefaultValue("64") int maxConcurrentSubmissions,
		@DefaultValue("128") int maxQueuedSubmissions, @DefaultValue("500ms") Duration maxQueueWait,
		@DefaultValue("5s") Duration retryAfter) {

	public OverloadSettings {
		if (maxConcurrentSubmissions < 1 || maxQueuedSubmissions < 0) {
			throw new IllegalArgumentException("portal.overload needs at least one permit and no negative queue");
		}
		if (maxQueueWait.isNegative() || retryAfter.isNegative() || retryAfter.isZero()) {
			throw new IllegalArgumentException("portal.overload durations must be positive");
		}
	}

}
