package cn.mailbox.portal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.mailbox.portal.intake.FieldError;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns field errors into sentences in the reader's language, naming the field as the
 * form does.
 */
@Component
public class FieldMessages {

	private final MessageSource messages;

	FieldMessages(MessageSource messages) {
		this.messages = messages;
	}

	public String message(FieldError error, Locale locale) {
		String fieldName = this.messages.getMessage("field.label." + error.field(), null, error.field(), locale);
		Object[] arguments = new Object[error.arguments().length + 1];
		arguments[0] = fieldName;
		System.arraycopy(error.arguments(), 0, arguments, 1, error.arguments().length);
		return this.messages.getMessage(error.code(), arguments, error.code(), locale);
	}

	/**
	 * First message per field, in form order, for pages that show one message under each
	 * field.
	 */
	public Map<String, String> byField(List<FieldError> errors, Locale locale) {
		Map<String, String> byField = new LinkedHashMap<>();
		for (FieldError error : errors) {
			byField.putIfAbsent(error.field(), message(error, locale));
		}
		return byField;
	}

}
