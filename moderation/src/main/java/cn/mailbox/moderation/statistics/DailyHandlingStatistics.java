package cn.mailbox.moderation.statistics;

import java.time.LocalDate;

/**
 * Letters received on one day by one unit or by the whole mailbox: aggregates only, for
 * the public statistics pages (weekly and monthly reports, unit pages).
 *
 * @param unit the unit code, {@code ""} for letters not (yet) assigned to a unit, or
 * {@code null} for every letter of the day counted once (a letter handled jointly counts
 * for each of its units, so the unit rows of a day may add up to more)
 * @param nature the letters' nature code, {@code null} on the rows of the whole mailbox
 * (the public pages withhold a satisfaction rate a small unit-and-nature group could be
 * worked out from, so they need the counts at that grain)
 * @param day the day received, in the deployment's time zone
 * @param received letters received (not counting spam, quarantined letters and
 * investigations)
 * @param replied of those, letters whose reply the citizen has
 * @param rated of those, letters the citizen rated
 * @param satisfied of the rated, those rated satisfied or basically satisfied
 */
public record DailyHandlingStatistics(String unit, String nature, LocalDate day, long received, long replied,
		long rated, long satisfied) {

}
