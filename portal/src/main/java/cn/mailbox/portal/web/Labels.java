package cn.mailbox.portal.web;

import java.util.Locale;

import cn.mailbox.moderation.letter.LetterState;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Localized names for codes (states, events, natures...) from the message bundles. */
@Component
public class Labels {

	private final MessageSource messages;

	Labels(MessageSource messages) {
		this.messages = messages;
	}

	public String state(LetterState state, Locale locale) {
		return label("state." + state.code(), state.code(), locale);
	}

	public String event(String event, Locale locale) {
		return label("event." + event, event, locale);
	}

	public String label(String key, String fallback, Locale locale) {
		return this.messages.getMessage(key, null, fallback, locale);
	}

}
