package cn.mailbox.site.pages;

import java.time.Instant;
import java.util.List;

import cn.mailbox.publication.PublicRecord;

/**
 * A published letter as a list shows it: the public fields only, never the text.
 *
 * @param trackingNumber the letter's number
 * @param title the redacted title
 * @param nature the nature code
 * @param units the units that handled it
 * @param receivedAt when it was received
 * @param repliedAt when it was replied, or {@code null}
 * @param workingDays working days used
 * @param limitDays working days allowed
 * @param onTime answered within the limit
 */
public record LetterSummary(String trackingNumber, String title, String nature, List<String> units, Instant receivedAt,
		Instant repliedAt, int workingDays, int limitDays, boolean onTime) {

	public LetterSummary {
		units = List.copyOf(units);
	}

	public static LetterSummary of(PublicRecord record) {
		return new LetterSummary(record.trackingNumber(), record.title(), record.nature(), record.units(),
				record.receivedAt(), record.repliedAt(), record.workingDays(), record.limitDays(), record.onTime());
	}

}
