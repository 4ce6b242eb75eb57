package cn.mailbox.moderation.letter;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a letter stands in the handling workflow. The codes are the public contract of
 * {@code api.md}; who may see a letter is a separate question (see the workflow package).
 */
public enum LetterState {

	QUARANTINED("quarantined"), RECEIVED("received"), ACCEPTED("accepted"), REJECTED("rejected"), KEPT("kept"),
	DEFERRED("deferred"), ASSIGNED("assigned"), IN_PROGRESS("in_progress"), FORWARDED("forwarded"),
	ESCALATED("escalated"), INVESTIGATING("investigating"), REPLIED("replied"), APPROVED("approved"),
	PUBLISHED("published"), CLOSED("closed");

	private final String code;

	LetterState(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	public static Optional<LetterState> fromCode(String code) {
		return Arrays.stream(values()).filter((state) -> state.code.equals(code)).findFirst();
	}

}
