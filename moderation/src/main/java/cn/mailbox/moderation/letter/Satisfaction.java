package cn.mailbox.moderation.letter;

import java.util.Arrays;
import java.util.Optional;

/**
 * The citizen's rating of a reply (回访/满意度). A dissatisfied rating sends the letter for
 * review.
 */
public enum Satisfaction {

	SATISFIED("satisfied"), BASICALLY_SATISFIED("basically_satisfied"), DISSATISFIED("dissatisfied");

	private final String code;

	Satisfaction(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	public static Optional<Satisfaction> fromCode(String code) {
		return Arrays.stream(values()).filter((s) -> s.code.equals(code)).findFirst();
	}

}
