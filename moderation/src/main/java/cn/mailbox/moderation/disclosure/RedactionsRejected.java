package cn.mailbox.moderation.disclosure;

import java.util.List;

/**
 * A reviewed redaction list that does not fit the letter: every problem, by field
 * ({@code redactions[2].end}), with a message code the portal translates
 * ({@code redaction.outside}, {@code redaction.overlap}, {@code redaction.kind},
 * {@code redaction.target}, {@code redaction.start}, {@code redaction.end},
 * {@code redaction.noReply}).
 */
public class RedactionsRejected extends RuntimeException {

	private final transient List<Problem> problems;

	RedactionsRejected(List<Problem> problems) {
		super("Invalid redactions: " + problems, null, false, false);
		this.problems = List.copyOf(problems);
	}

	public List<Problem> problems() {
		return this.problems;
	}

	/** One field and what is wrong with it. */
	public record Problem(String field, String code) {
	}

}
