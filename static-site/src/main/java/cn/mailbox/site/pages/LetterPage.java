package cn.mailbox.site.pages;

import java.util.ArrayList;
import java.util.List;

import cn.mailbox.publication.PublicRecord;

/**
 * One published letter with its reply and handling timer.
 *
 * @param letter the public record (redacted text; no private field exists on it)
 * @param steps the timeline: received, accepted, assigned, replied, published
 */
public record LetterPage(PublicRecord letter, List<TimelineStep> steps) {

	public LetterPage {
		steps = List.copyOf(steps);
	}

	public static LetterPage of(PublicRecord record) {
		List<TimelineStep> steps = new ArrayList<>();
		steps.add(new TimelineStep("received", record.receivedAt()));
		steps.add(new TimelineStep("accepted", record.acceptedAt()));
		steps.add(new TimelineStep("assigned", record.assignedAt()));
		steps.add(new TimelineStep("replied", record.repliedAt()));
		steps.add(new TimelineStep("published", record.publishedAt()));
		return new LetterPage(record, steps);
	}

	/** Working days allowed including extensions. */
	public int allowedDays() {
		return this.letter.limitDays() + this.letter.extensionDays();
	}

	/** Share of the allowed working days used, 0–100 (capped), for the meter. */
	public int usedPercent() {
		int allowed = allowedDays();
		return (allowed <= 0) ? 100 : Math.min(100, Math.round(100f * this.letter.workingDays() / allowed));
	}

}
