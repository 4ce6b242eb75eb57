package cn.mailbox.site.pages;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The handling figures of a unit or period: the timer of its published letters (on time,
 * median working days) and, when a {@link HandlingSource} is there, how many letters were
 * received, replied and rated, and how many of the ratings were satisfied.
 *
 * @param published how many published letters
 * @param onTime how many of them were answered within their limit
 * @param onTimeRate {@code onTime / published} (0 for none)
 * @param medianWorkingDays the median working days used (0 for none)
 * @param received letters received (0 without handling counts)
 * @param replied of those, letters replied
 * @param rated of those, letters the citizen rated
 * @param satisfied of the rated, those rated satisfied or basically satisfied
 * @param satisfaction whether the satisfaction rate may be published; when it may not,
 * {@code rated} and {@code satisfied} are 0 so that no page can show them
 * @param minimumRatings the minimum group size that decided it (0: no rule applied)
 */
public record Figures(long published, long onTime, double onTimeRate, double medianWorkingDays, long received,
		long replied, long rated, long satisfied, Withholding satisfaction, int minimumRatings) {

	public Figures {
		if (satisfaction == null) {
			throw new IllegalArgumentException("satisfaction must be given");
		}
		if (satisfaction != Withholding.SHOWN && (rated != 0 || satisfied != 0)) {
			throw new IllegalArgumentException("a withheld satisfaction rate keeps no counts");
		}
	}

	/** Figures whose satisfaction rate, if any, is shown as counted. */
	public Figures(long published, long onTime, double onTimeRate, double medianWorkingDays, long received,
			long replied, long rated, long satisfied) {
		this(published, onTime, onTimeRate, medianWorkingDays, received, replied, rated, satisfied, Withholding.SHOWN,
				0);
	}

	public static Figures of(Collection<LetterSummary> letters) {
		return of(letters, List.of());
	}

	/**
	 * The raw figures, before {@link #disclosed}: package-private, so that no caller
	 * outside the statistics can publish a satisfaction rate without the rule.
	 * @param letters the published letters
	 * @param counts the handling counts to add up (all of one unit, or all totals)
	 */
	static Figures of(Collection<LetterSummary> letters, Collection<HandlingCount> counts) {
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
		long received = 0;
		long replied = 0;
		long rated = 0;
		long satisfied = 0;
		for (HandlingCount count : counts) {
			received += count.received();
			replied += count.replied();
			rated += count.rated();
			satisfied += count.satisfied();
		}
		return new Figures(days.length, onTime, (days.length == 0) ? 0 : (double) onTime / days.length, median,
				received, replied, rated, satisfied);
	}

	/**
	 * These figures with the satisfaction rate as the disclosure rule decided: unchanged
	 * when {@link Withholding#SHOWN} and there are ratings, otherwise without the rated
	 * and satisfied counts.
	 */
	Figures disclosed(Withholding decision, int minimum) {
		if (decision == Withholding.SHOWN || this.rated == 0) {
			return new Figures(this.published, this.onTime, this.onTimeRate, this.medianWorkingDays, this.received,
					this.replied, this.rated, this.satisfied, Withholding.SHOWN, minimum);
		}
		return new Figures(this.published, this.onTime, this.onTimeRate, this.medianWorkingDays, this.received,
				this.replied, 0, 0, decision, minimum);
	}

	/** Whether there are ratings but their rate is not published. */
	public boolean satisfactionWithheld() {
		return this.satisfaction != Withholding.SHOWN;
	}

	/** The on-time rate as a whole percentage, for display. */
	public long onTimePercent() {
		return Math.round(this.onTimeRate * 100);
	}

	/** Published letters answered after their limit. */
	public long overdue() {
		return this.published - this.onTime;
	}

	/** Whether any letter was counted as received (the handling counts are known). */
	public boolean hasHandling() {
		return this.received > 0;
	}

	/**
	 * Whether any letter was rated and the rate may be shown: without ratings, or with
	 * the rate withheld, there is no satisfaction rate.
	 */
	public boolean hasRatings() {
		return this.rated > 0;
	}

	/** 满意率: {@code satisfied / rated}, 0 when nothing was rated. */
	public double satisfactionRate() {
		return (this.rated == 0) ? 0 : (double) this.satisfied / this.rated;
	}

	/** The satisfaction rate as a whole percentage, for display. */
	public long satisfactionPercent() {
		return Math.round(satisfactionRate() * 100);
	}

}
