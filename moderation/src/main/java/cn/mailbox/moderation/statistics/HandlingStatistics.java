package cn.mailbox.moderation.statistics;

/**
 * Letters of one unit and nature received in a period, from the private letter store:
 * aggregates only, never a letter.
 *
 * @param unit the unit code, or {@code ""} for letters not (yet) assigned to a unit; a
 * letter handled jointly counts for each of its units
 * @param nature the nature code
 * @param received letters received (not counting spam, quarantined letters and
 * investigations)
 * @param replied of those, letters whose reply the citizen has (approved by the
 * moderator)
 * @param rated of those, letters the citizen rated
 * @param satisfied of the rated, those rated satisfied or basically satisfied (满意、基本满意)
 */
public record HandlingStatistics(String unit, String nature, long received, long replied, long rated, long satisfied) {

	/** 满意率: {@code satisfied / rated}, 0 when nothing was rated ({@code rated} tells). */
	public double satisfactionRate() {
		return (this.rated == 0) ? 0 : (double) this.satisfied / this.rated;
	}

}
