package cn.mailbox.portal.archive;

/**
 * Redacts the text of an imported letter before it is published. Imported archives may
 * have been published elsewhere with personal data left in, so every title, letter and
 * reply goes through this.
 * <p>
 * The bean in this package ({@link BuiltInImportRedaction}) is a conservative pass; the
 * integrator replaces it with an adapter to the moderation module's automatic redactor
 * ({@code cn.mailbox.moderation.redaction}) when that is merged.
 */
@FunctionalInterface
public interface ImportRedaction {

	/**
	 * @param text the text as imported, never {@code null}
	 * @return the text with personal data masked
	 */
	String redact(String text);

}
