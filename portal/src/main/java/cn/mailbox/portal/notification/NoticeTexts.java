package cn.mailbox.portal.notification;

import java.util.Locale;

import cn.mailbox.moderation.notification.CitizenNotice;
import cn.mailbox.moderation.notification.PendingMail;
import cn.mailbox.moderation.workflow.ScopeReason;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Words a notice for the citizen from the message bundles ({@code notice.*}), so the
 * tracking page and the mail say the same thing. A notice names only the letter's number,
 * the step, a unit and a scope reason: never the access code, the letter's text or anyone
 * else's data.
 */
@Component
public class NoticeTexts {

	private final MessageSource messages;

	NoticeTexts(MessageSource messages) {
		this.messages = messages;
	}

	/** One sentence: what happened to letter {@code trackingNumber}. */
	public String message(CitizenNotice notice, String trackingNumber, Locale locale) {
		String detail = switch (notice.kind()) {
			case REJECTED -> reason(notice.reason(), locale);
			case ASSIGNED, FORWARDED -> (notice.unitName() != null) ? notice.unitName() : "";
			default -> "";
		};
		return this.messages.getMessage("notice." + notice.kind().code(), new Object[] { trackingNumber, detail },
				locale);
	}

	/** The localized scope reason (不予受理的理由) a citizen is told. */
	public String reason(ScopeReason reason, Locale locale) {
		if (reason == null) {
			return this.messages.getMessage("scope.unknown", null, locale);
		}
		return this.messages.getMessage("scope." + reason.code(), null, reason.label(), locale);
	}

	/** The subject and plain-text body of the mail for a claimed notice. */
	Mail mail(PendingMail pending, String trackingUrl) {
		Locale locale = locale(pending.locale());
		String subject = this.messages.getMessage("notice.mail.subject", new Object[] { pending.trackingNumber() },
				locale);
		String footer = (trackingUrl == null || trackingUrl.isBlank())
				? this.messages.getMessage("notice.mail.footer", null, locale)
				: this.messages.getMessage("notice.mail.footer.link", new Object[] { trackingUrl }, locale);
		String body = this.messages.getMessage("notice.mail.greeting", null, locale) + "\n\n"
				+ message(pending.notice(), pending.trackingNumber(), locale) + "\n\n" + footer + "\n";
		return new Mail(subject, body);
	}

	/** The letter's language: English when it was written in English, else zh-CN. */
	static Locale locale(String tag) {
		if (tag != null && Locale.forLanguageTag(tag).getLanguage().equals("en")) {
			return Locale.ENGLISH;
		}
		return Locale.SIMPLIFIED_CHINESE;
	}

	record Mail(String subject, String body) {
	}

}
