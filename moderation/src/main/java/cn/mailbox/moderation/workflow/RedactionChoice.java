package cn.mailbox.moderation.workflow;

/**
 * One passage the moderator approved for redaction when disclosing: which text, where,
 * and what kind of data it hides. Only the span and kind travel with the workflow step;
 * the redaction package owns how passages are found and replaced.
 *
 * @param target {@code letter}, {@code reply} or {@code title}
 * @param start the first character, inclusive
 * @param end the last character, exclusive
 * @param kind the kind of data hidden: a {@code RedactionKind} name ({@code PHONE},
 * {@code NAME}; any case)
 */
public record RedactionChoice(String target, int start, int end, String kind) {

	public RedactionChoice {
		if (!"letter".equals(target) && !"reply".equals(target) && !"title".equals(target)) {
			throw new IllegalArgumentException("A redaction targets the letter, the reply or the title, not " + target);
		}
		if (start < 0 || end <= start) {
			throw new IllegalArgumentException("Bad redaction span [" + start + ", " + end + ")");
		}
		if (kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("A redaction says what kind of data it hides");
		}
	}

}
