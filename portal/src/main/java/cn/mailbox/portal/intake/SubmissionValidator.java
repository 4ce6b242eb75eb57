package cn.mailbox.portal.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import cn.mailbox.moderation.letter.Nature;
import org.springframework.stereotype.Component;

/**
 * Checks a submission field by field and returns every problem at once, so a citizen on a
 * phone fixes the form in one go. Text is plain text: it is stored exactly as written,
 * except that characters PostgreSQL cannot store or that only serve to hide content (NUL,
 * other control characters, unpaired surrogates) are refused with a clear message rather
 * than altered.
 */
@Component
class SubmissionValidator {

	private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 \\-]{4,22}[0-9]");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

	private static final int MAX_EMAIL = 254;

	private final IntakeSettings settings;

	SubmissionValidator(IntakeSettings settings) {
		this.settings = settings;
	}

	List<FieldError> validate(LetterSubmission letter) {
		List<FieldError> errors = new ArrayList<>();
		oneOf(errors, "mailbox", letter.mailbox(), this.settings.mailboxes());
		Optional<Nature> nature = (letter.nature() != null) ? Nature.fromCode(letter.nature()) : Optional.empty();
		if (letter.nature() == null) {
			errors.add(new FieldError("nature", "validation.required"));
		}
		else if (nature.isEmpty()) {
			errors.add(new FieldError("nature", "validation.oneOf"));
		}
		oneOf(errors, "field", letter.field(), this.settings.fields());
		oneOf(errors, "region", letter.region(), this.settings.regions());
		text(errors, "title", letter.title(), this.settings.maxTitleLength(), true, false);
		text(errors, "body", letter.body(), this.settings.maxBodyLength(), true, true);
		text(errors, "name", letter.name(), this.settings.maxNameLength(), false, false);
		if (letter.phone() != null && !PHONE.matcher(letter.phone()).matches()) {
			errors.add(new FieldError("phone", "validation.phone"));
		}
		if (letter.email() != null && (letter.email().length() > MAX_EMAIL || !EMAIL.matcher(letter.email()).matches()
				|| hasForbiddenCharacters(letter.email(), false))) {
			errors.add(new FieldError("email", "validation.email"));
		}
		identity(errors, letter, nature);
		return errors;
	}

	/**
	 * Complaints and reports need a real name and a way to reach the writer (domain
	 * rule); any letter that is not anonymous needs them too, or nobody could answer it.
	 */
	private void identity(List<FieldError> errors, LetterSubmission letter, Optional<Nature> nature) {
		boolean anonymous = Boolean.TRUE.equals(letter.anonymous());
		boolean identityRequired = nature.map(Nature::requiresIdentity).orElse(false);
		if (anonymous && identityRequired) {
			errors.add(new FieldError("anonymous", "validation.anonymousNotAllowed"));
		}
		if (!anonymous || identityRequired) {
			if (letter.name() == null) {
				errors.add(new FieldError("name",
						identityRequired ? "validation.realNameRequired" : "validation.required"));
			}
			if (letter.phone() == null && letter.email() == null) {
				errors.add(new FieldError("phone", "validation.contactRequired"));
			}
		}
	}

	private static void oneOf(List<FieldError> errors, String field, String value, List<String> allowed) {
		if (value == null) {
			errors.add(new FieldError(field, "validation.required"));
		}
		else if (!allowed.contains(value)) {
			errors.add(new FieldError(field, "validation.oneOf"));
		}
	}

	private static void text(List<FieldError> errors, String field, String value, int max, boolean required,
			boolean multiline) {
		if (value == null) {
			if (required) {
				errors.add(new FieldError(field, "validation.required"));
			}
			return;
		}
		int length = value.codePointCount(0, value.length());
		if (length > max) {
			errors.add(new FieldError(field, "validation.tooLong", Integer.toString(max), Integer.toString(length)));
		}
		if (hasForbiddenCharacters(value, multiline)) {
			errors.add(new FieldError(field, "validation.invalidCharacters"));
		}
	}

	static boolean hasForbiddenCharacters(String value, boolean multiline) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
					continue;
				}
				return true;
			}
			if (Character.isLowSurrogate(c)) {
				return true;
			}
			boolean allowedWhitespace = multiline ? (c == '\n' || c == '\r' || c == '\t') : c == '\t';
			if ((c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) && !allowedWhitespace) {
				return true;
			}
		}
		return false;
	}

}
