package cn.mailbox.site.pages;

import java.util.Arrays;
import java.util.Collection;

/**
 * The handling figures of a set of published letters.
 *
 * @param published how many
 * @param onTime how many were answered within their limit
 * @param onTimeRate {@code onTime / published} (0 for none)
 * @param medianWorkingDays the median working days used (0 for none)
 */
public record Figures(long published, long onTime, double onTimeRate, double medianWorkingDays) {

	public static Figures of(Collection<LetterSummary> letters) {
		int[] days = new int[letters.size()];
		long onTime = 0;
		int i = 0;
		for (LetterSummary letter : letters) {
			days[i++] = letter.workingDays();
			onTime += letter.onTime() ? 1 : 0;
		}
		Arrays.sort(days);
		double median = (days.length == 0) ? 0 : (days.length % 2 == 1) ? days[days.length / 2]
				: (days[days.length / 2 - 1] + days[days.length / 2]) / 2.0;
		return new Figures(days.length, onTime, (days.length == 0) ? 0 : (double) onTime / days.length, median);
	}

	/** The on-time rate as a whole percentage, for display. */
	public long onTimePercent() {
		return Math.round(this.onTimeRate * 100);
	}

}
