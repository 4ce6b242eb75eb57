package cn.mailbox.portal.screening;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of duplicate screening.
 *
 * @param window how far back a letter is compared (default 90 days)
 * @param maxLetters at most this many of the latest letters are kept in the index
 * (default 200 000)
 * @param similarityThreshold estimated Jaccard similarity of character-bigram sets at or
 * above which two letters are near duplicates (default 0.3: copies with 10-30% of
 * characters edited measure 0.38-0.6, distinct letters on one topic rarely exceed 0.2)
 * @param minimumLength normalised texts shorter than this are only compared exactly
 * (default 10 characters)
 */
public record DuplicateSettings(Duration window, int maxLetters, double similarityThreshold, int minimumLength) {

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
