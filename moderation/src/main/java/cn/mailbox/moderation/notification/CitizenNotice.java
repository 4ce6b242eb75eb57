package cn.mailbox.moderation.notification;

import java.time.Instant;

import cn.mailbox.moderation.workflow.ScopeReason;

/**
 * One status change as the citizen is told about it. Holds codes, not text: the portal
 * words it in the citizen's language, the same way on the tracking page and in the mail.
 *
 * @param kind what happened
 * @param reason why a letter was not accepted, only for {@link NoticeKind#REJECTED}
 * @param unitName the name of the unit it went to (its code if the unit is gone), only
 * for an assignment or a forward
 * @param at when the step was taken
 * @param delivery whether and how far the e-mail got
 */
public record CitizenNotice(NoticeKind kind, ScopeReason reason, String unitName, Instant at, Delivery delivery) {

	/** The e-mail's fate; {@code PAGE_ONLY} when the writer gave no address. */
	public enum Delivery {

		PENDING, SENT, FAILED, PAGE_ONLY;

		static Delivery fromCode(String code) {
			return valueOf(code.toUpperCase(java.util.Locale.ROOT));
		}

		String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
