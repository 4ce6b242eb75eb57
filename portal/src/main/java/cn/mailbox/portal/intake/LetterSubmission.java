package cn.mailbox.portal.intake;

/**
 * The body of {@code POST /api/v1/letters}, and what the HTML form binds to. Every field
 * is optional here so that a missing one is reported with the others, by field, in the
 * citizen's language, rather than as an unreadable parse error.
 *
 * @param website the honeypot: hidden from people, filled in by bots
 */
public record LetterSubmission(String mailbox, String nature, String field, String region, String title, String body,
		String name, String phone, String email, Boolean anonymous, Boolean publicationConsent, String website) {

	/**
	 * Surrounding white space is noise from copy and paste; everything else is kept
	 * exactly.
	 */
	LetterSubmission trimmed() {
		return new LetterSubmission(trim(this.mailbox), trim(this.nature), trim(this.field), trim(this.region),
				trim(this.title), trimBody(this.body), trim(this.name), trim(this.phone), trim(this.email),
				this.anonymous, this.publicationConsent, this.website);
	}

	private static String trim(String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}

	private static String trimBody(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
