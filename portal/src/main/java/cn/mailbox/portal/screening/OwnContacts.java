package cn.mailbox.portal.screening;

import java.util.regex.Pattern;

/**
 * Takes the writer's own phone number and e-mail address out of a letter before the spam
 * classifier reads it. The classifier learned from SMS spam, where a number in the text
 * is an advertiser's; a citizen repeating the number they gave in the form is the
 * opposite signal, and short letters that do so ("我叫周九，电话139…，小区停水三天") scored as spam.
 * Numbers and addresses that are not the writer's own stay and count as before.
 */
public final class OwnContacts {

	private OwnContacts() {
	}

	/**
	 * The text without the given phone (digits in any grouping by spaces or hyphens) and
	 * e-mail (any case); either may be {@code null}.
	 */
	public static String remove(String text, String phone, String email) {
		if (text == null) {
			return null;
		}
		String result = text;
		String digits = (phone != null) ? phone.replaceAll("[^0-9]", "") : "";
		if (digits.length() >= 5) {
			StringBuilder pattern = new StringBuilder("(?<![0-9])");
			for (int i = 0; i < digits.length(); i++) {
				if (i > 0) {
					pattern.append("[ \\-]?");
				}
				pattern.append(digits.charAt(i));
			}
			pattern.append("(?![0-9])");
			result = Pattern.compile(pattern.toString()).matcher(result).replaceAll(" ");
		}
		if (email != null && !email.isBlank()) {
			result = Pattern.compile(Pattern.quote(email.trim()), Pattern.CASE_INSENSITIVE)
				.matcher(result)
				.replaceAll(" ");
		}
		return result;
	}

}
