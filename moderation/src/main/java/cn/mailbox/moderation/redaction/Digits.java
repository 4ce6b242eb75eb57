package cn.mailbox.moderation.redaction;

/**
 * Number handling shared by the numeric detectors: numbers may carry spaces or dashes
 * between any two digits, and a number must not be cut out of a longer digit run.
 */
final class Digits {

	/** Regex: not preceded by a digit; see {@link #standsAlone} for separators. */
	static final String NO_DIGIT_BEFORE = "(?<!\\d)";

	/** Regex: not followed by a digit; see {@link #standsAlone} for separators. */
	static final String NO_DIGIT_AFTER = "(?!\\d)";

	private Digits() {
	}

	/**
	 * Whether a number match at {@code [start, end)} is a number of its own. A number
	 * written with spaces or dashes inside must not continue, across one more separator,
	 * into further digits: {@code 6222 1380 0138 0001} holds no phone number. A number
	 * without separators may stand next to another one: {@code 13800138000 13900139000}
	 * is two phones.
	 */
	static boolean standsAlone(String text, int start, int end) {
		boolean separated = false;
		for (int i = start; i < end && !separated; i++) {
			separated = text.charAt(i) == ' ' || text.charAt(i) == '-';
		}
		if (!separated) {
			return true;
		}
		boolean digitBefore = start >= 2 && isSeparator(text.charAt(start - 1)) && isDigit(text.charAt(start - 2));
		boolean digitAfter = end + 1 < text.length() && isSeparator(text.charAt(end)) && isDigit(text.charAt(end + 1));
		return !digitBefore && !digitAfter;
	}

	private static boolean isSeparator(char c) {
		return c == ' ' || c == '-';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/** Regex for {@code count} digits with an optional space or dash between any two. */
	static String spaced(int min, int max) {
		return "\\d(?:[ \\-]?\\d){" + (min - 1) + "," + (max - 1) + "}";
	}

	/** The digits (and a final X) of {@code s}, separators dropped, X upper-cased. */
	static String compact(CharSequence s) {
		StringBuilder b = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= '0' && c <= '9') {
				b.append(c);
			}
			else if (c == 'x' || c == 'X') {
				b.append('X');
			}
		}
		return b.toString();
	}

	/**
	 * Whether {@code text} has one of {@code words} ending within {@code window} chars
	 * before {@code at}.
	 */
	static boolean hasCueBefore(String text, int at, int window, String... words) {
		String before = text.substring(Math.max(0, at - window), at);
		for (String word : words) {
			if (before.contains(word)) {
				return true;
			}
		}
		return false;
	}

	/** Whether {@code digits} passes the Luhn check used by bank cards. */
	static boolean luhn(String digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int d = digits.charAt(i) - '0';
			if (doubled) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

}
