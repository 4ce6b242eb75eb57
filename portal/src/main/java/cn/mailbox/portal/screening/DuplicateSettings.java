package cn.mailbox.portal.screening;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of duplicate screening ({@code portal.screening.duplicates.*}).
 *
 * @param window how far back a letter is compared (default 90 days)
 * @param maxLetters at most this many of the latest letters are kept in the index
 * (default 50 000; about 1.1 KB of heap each, so the index tops out near 55 MB)
 * @param similarityThreshold estimated Jaccard similarity of character-bigram sets at or
 * above which two letters are near duplicates (default 0.3: copies with 10-30% of
 * characters edited measure 0.38-0.6, distinct letters on one topic rarely exceed 0.2)
 * @param minimumLength normalised texts shorter than this are only compared exactly
 * (default 10 characters)
 */
@ConfigurationProperties("portal.screening.duplicates")
public record DuplicateSettings(@DefaultValue("90d") Duration window, @DefaultValue("50000") int maxLetters,
		@DefaultValue("0.42") double similarityThreshold, @DefaultValue("10") int minimumLength) {

	public static final DuplicateSettings DEFAULTS = new DuplicateSettings(Duration.ofDays(90), 50_000, 0.42, 10);

	public DuplicateSettings {
		Objects.requireNonNull(window, "window");
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("window must be positive");
		}
		if (maxLetters < 1) {
			throw new IllegalArgumentException("maxLetters must be positive");
		}
		if (!(similarityThreshold > 0 && similarityThreshold <= 1)) {
			throw new IllegalArgumentException("similarityThreshold must be in (0, 1]");
		}
		if (minimumLength < 1) {
			throw new IllegalArgumentException("minimumLength must be positive");
		}
	}

}
