package cn.mailbox.publication;

/**
 * Published letters of one unit and nature in a period.
 *
 * @param unit the unit code, or {@code ""} for letters with no unit (answered directly)
 * @param nature the nature code
 * @param published how many letters of this unit and nature were published
 * @param onTime how many of them were answered within their limit
 * @param onTimeRate {@code onTime / published} (按时办结率)
 * @param medianWorkingDays the median working days used
 */
public record ArchiveStatistics(String unit, String nature, long published, long onTime, double onTimeRate,
		double medianWorkingDays) {

}
