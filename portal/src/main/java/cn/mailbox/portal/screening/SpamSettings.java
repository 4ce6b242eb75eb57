package cn.mailbox.portal.screening;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the spam screen.
 *
 * @param minimumFillTime a form submitted faster than this is treated as a bot (default 3
 * s)
 * @param quarantineThreshold a spam score at or above this quarantines the letter
 * (default 0.5)
 */
public record SpamSettings(Duration minimumFillTime, double quarantineThreshold) {

	public static final SpamSettings DEFAULTS = new SpamSettings(Duration.ofSeconds(3), 0.5);

	public SpamSettings {
		Objects.requireNonNull(minimumFillTime, "minimumFillTime");
		if (minimumFillTime.isNegative()) {
			throw new IllegalArgumentException("minimumFillTime must not be negative");
		}
		if (!(quarantineThreshold > 0 && quarantineThreshold <= 1)) {
			throw new IllegalArgumentException("quarantineThreshold must be in (0, 1], was " + quarantineThreshold);
		}
	}

}
