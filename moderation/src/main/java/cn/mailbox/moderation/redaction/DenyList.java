package cn.mailbox.moderation.redaction;

/**
 * The writer's own form fields. Whatever else a moderator decides, these never appear in
 * public output: they are redacted wherever they occur, in the letter and in the reply,
 * including with spaces or dashes inside numbers and in full-width characters. Any field
 * may be {@code null} or blank when the writer left it empty.
 *
 * @param name the writer's name
 * @param phone the writer's phone number, any formatting
 * @param email the writer's e-mail address
 * @param idNumber the writer's resident ID number
 * @param address the writer's postal address
 */
public record DenyList(String name, String phone, String email, String idNumber, String address) {

	/**
	 * A deny list with no fields, for anonymous letters and for text without a writer.
	 */
	public static final DenyList NONE = new DenyList(null, null, null, null, null);

}
