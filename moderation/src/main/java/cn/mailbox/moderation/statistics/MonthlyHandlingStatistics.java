package cn.mailbox.moderation.statistics;

import java.time.YearMonth;

/**
 * Letters of one unit and nature received in one calendar month: aggregates only, never a
 * letter, a rating or a comment.
 *
 * @param unit the unit code, or {@code ""} for letters not (yet) assigned to a unit; a
 * letter handled jointly counts for each of its units
 * @param nature the nature code
 * @param month the month received, in the deployment's time zone
 * @param received letters received (not counting spam, quarantined letters and
 * investigations)
 * @param replied of those, letters whose reply the citizen has
 * @param rated of those, letters the citizen rated
 * @param satisfied of the rated, those rated satisfied or basically satisfied
 */
public record MonthlyHandlingStatistics(String unit, String nature, YearMonth month, long received, long replied,
		long rated, long satisfied) {

}
