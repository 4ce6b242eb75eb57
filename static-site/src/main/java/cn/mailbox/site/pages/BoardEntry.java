package cn.mailbox.site.pages;

import java.time.Instant;

/**
 * One open letter on the board (公示栏): exactly the public fields of the moderation
 * module's board entry, so the static site needs nothing from moderation.
 *
 * @param trackingNumber the letter's number
 * @param nature the nature code
 * @param unit the unit handling it, or {@code null}
 * @param receivedAt when it was received
 * @param workingDaysElapsed working days elapsed when the snapshot was taken
 * @param deadline the deadline, or {@code null} when not set yet
 * @param overdue whether it was past its deadline when the snapshot was taken
 */
public record BoardEntry(String trackingNumber, String nature, String unit, Instant receivedAt, int workingDaysElapsed,
		Instant deadline, boolean overdue) {

}
