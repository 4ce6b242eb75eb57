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
		String digits = (phone != null) ? digits(phone) : "";
		if (digits.length() >= 5) {
			result = removeNumber(result, digits);
		}
		if (email != null && !email.isBlank()) {
			result = Pattern.compile(Pattern.quote(email.trim()), Pattern.CASE_INSENSITIVE)
				.matcher(result)
				.replaceAll(" ");
		}
		return result;
	}

	/**
	 * Replaces each occurrence of the number by a space: its digits in order, each pair
	 * optionally split by one space or hyphen, not inside a longer run of digits. What
	 * the regular expression {@code (?<![0-9])1[ \-]?3[ \-]?9…(?![0-9])} matched, without
	 * compiling one per letter (that and its run were 2 % of a submission's CPU): a
	 * separator is never a digit, so the match from any start is decided without
	 * backtracking.
	 */
	private static String removeNumber(String text, String digits) {
		StringBuilder out = null;
		int copied = 0;
		char first = digits.charAt(0);
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) != first || (i > 0 && isDigit(text.charAt(i - 1)))) {
				continue;
			}
			int end = numberEnd(text, i, digits);
			if (end < 0) {
				continue;
			}
			if (out == null) {
				out = new StringBuilder(text.length());
			}
			out.append(text, copied, i).append(' ');
			copied = end;
			i = end - 1;
		}
		return (out == null) ? text : out.append(text, copied, text.length()).toString();
	}

	/** Where the number starting at {@code start} ends, or -1 when none starts there. */
	private static int numberEnd(String text, int start, String digits) {
		int at = start + 1;
		for (int k = 1; k < digits.length(); k++) {
			char expected = digits.charAt(k);
			if (at + 1 < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '-')
					&& text.charAt(at + 1) == expected) {
				at += 2;
			}
			else if (at < text.length() && text.charAt(at) == expected) {
				at++;
			}
			else {
				return -1;
			}
		}
		return (at < text.length() && isDigit(text.charAt(at))) ? -1 : at;
	}

	/**
	 * The ASCII digits of a phone number as typed (what {@code replaceAll("[^0-9]", "")}
	 * answered, without a regular expression per call).
	 */
	public static String digits(String phone) {
		StringBuilder digits = new StringBuilder(phone.length());
		for (int i = 0; i < phone.length(); i++) {
			if (isDigit(phone.charAt(i))) {
				digits.append(phone.charAt(i));
			}
		}
		return digits.toString();
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
