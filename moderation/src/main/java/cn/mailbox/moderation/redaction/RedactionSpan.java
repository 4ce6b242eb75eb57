package cn.mailbox.moderation.redaction;

import java.util.Objects;

/**
 * A proposed redaction: a half-open range {@code [start, end)} of the <em>original</em>
 * text (never of a normalised copy), so it can be shown to a moderator and applied as it
 * stands.
 *
 * @param kind what the span hides
 * @param start first char index in the original text
 * @param end index after the last char
 * @param score confidence in {@code [0, 1]}; deny-list hits score 1
 * @param explanation why the span was proposed, for the moderator
 */
public record RedactionSpan(RedactionKind kind, int start, int end, double score, String explanation) {

	public RedactionSpan {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(explanation, "explanation");
		if (start < 0 || end <= start) {
			throw new IllegalArgumentException("Empty or negative span [" + start + ", " + end + ")");
		}
		if (!(score >= 0 && score <= 1)) {
			throw new IllegalArgumentException("Score out of [0, 1]: " + score);
		}
	}

	/** The number of chars the span covers. */
	public int length() {
		return this.end - this.start;
	}

	/** Whether this span shares at least one char with {@code other}. */
	public boolean overlaps(RedactionSpan other) {
		return this.start < other.end && other.start < this.end;
	}

}
