package cn.mailbox.moderation.workflow;

import java.time.Instant;

/** One row of a work queue. */
public record StaffLetterSummary(String trackingNumber, String state, String mailbox, String nature, String title,
		Instant receivedAt, String currentUnit, Instant deadline, boolean overdue) {
}
