package cn.mailbox.moderation.notification;

import java.util.Arrays;
import java.util.Optional;

/**
 * The status changes a citizen is told about: the ones that change what they can expect
 * (issue 4: accepted, rejected with a reason, assigned to which unit, replied, published;
 * plus forwarded, because the domain says the citizen is told where the letter went).
 */
public enum NoticeKind {

	ACCEPTED("accepted"), REJECTED("rejected"), ASSIGNED("assigned"), FORWARDED("forwarded"), REPLIED("replied"),
	PUBLISHED("published");

	private final String code;

	NoticeKind(String code) {
		this.code = code;
	}

	/** The database and wire name. */
	public String code() {
		return this.code;
	}

	public static Optional<NoticeKind> fromCode(String code) {
		return Arrays.stream(values()).filter((kind) -> kind.code.equals(code)).findFirst();
	}

}
