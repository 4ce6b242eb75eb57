package cn.mailbox.moderation.letter;

import java.time.Instant;
import java.util.List;

/**
 * What the writer of a letter may see of it: their own text, where it stands, the steps
 * that concern them, the reply and their feedback. Staff-only steps and comments are not
 * in it.
 */
public record CitizenView(long id, String trackingNumber, byte[] accessCodeHash, String mailbox, Nature nature,
		String field, String region, String title, String body, LetterState state, Instant receivedAt,
		String currentUnit, Instant deadlineAt, String replyText, Instant repliedAt, Feedback feedback,
		List<TimelineEntry> timeline) {

	public CitizenView {
		accessCodeHash = accessCodeHash.clone();
		timeline = List.copyOf(timeline);
	}

	@Override
	public byte[] accessCodeHash() {
		return this.accessCodeHash.clone();
	}

	/** One public step of the letter's handling: when, what, and which unit if any. */
	public record TimelineEntry(Instant at, String event, String unit) {
	}

	/** The citizen's rating of the reply (满意度) and an optional comment. */
	public record Feedback(Satisfaction satisfaction, String comment, Instant at) {
	}

}
