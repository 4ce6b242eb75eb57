package cn.mailbox.portal.screening;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rule-based part of the spam screen measures in a letter's text. Digits are
 * already folded to {@code x}, so the patterns match masked training data and live input
 * alike.
 *
 * @param links URLs and bare domain names
 * @param contacts phone numbers, QQ and WeChat ids and e-mail addresses
 * @param contactsPer100Chars contacts per 100 characters of text
 * @param longestRun the longest run of one repeated letter (not digits or punctuation)
 * @param gibberish whether the text is mostly Latin letters without word structure
 * @param advertisingTerms advertising vocabulary found, with weights
 * @param meaningfulChars letters (CJK or Latin) in the text
 */
record ContentFeatures(int links, int contacts, double contactsPer100Chars, int longestRun, boolean gibberish,
		Map<String, Double> advertisingTerms, int meaningfulChars) {

	private static final Pattern URL = Pattern.compile(
			"(https?://|www\\.)[\\w./?=&%#:~+-]+|\\b[a-z0-9-]{2,}\\.(com|cn|net|org|top|xyz|cc|vip|info|shop|club|site|me)\\b");

	/**
	 * Mobile numbers, landlines (with or without area code), 400/800 lines; digits are x.
	 */
	private static final Pattern PHONE = Pattern
		.compile("(?<![x])x{3,4}[- —]?x{7,8}(?![x])|(?<![x])x{11}(?![x])|(?<![x])x{3}[- ]x{4}[- ]x{4}(?![x])");

	private static final List<String> QQ_WORDS = List.of("qq", "扣扣", "企鹅");

	private static final Pattern QQ = Pattern.compile("(qq|扣扣|企鹅)[号码:： ]*x{5,11}");

	private static final List<String> WECHAT_WORDS = List.of("微信", "微 信", "vx", "v信", "wx", "weixin", "威信", "薇信", "徽信");

	private static final Pattern WECHAT = Pattern.compile("(微信|微 信|vx|v信|wx|weixin|威信|薇信|徽信)[号码:： ]*[a-z0-9_-]{5,20}");

	private static final Pattern EMAIL = Pattern.compile("[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}");

	private static final Pattern LATIN_WORD = Pattern.compile("[b-df-hj-np-tv-wyz]{6,}");

	ContentFeatures {
		advertisingTerms = Map.copyOf(advertisingTerms);
	}

	/**
	 * Measures the text in one pass over its characters; the regular expressions run only
	 * when that pass saw what they need (a dot before a letter or {@code ://} for links,
	 * seven masked digits in a row or two groups of them split by a hyphen or space for
	 * phone numbers, an {@code @} for e-mail, a keyword for QQ and WeChat), so most
	 * letters never start a matcher. The answers are the same as running every pattern:
	 * each gate is a necessary condition of its pattern.
	 */
	static ContentFeatures of(String normalised, WeightedTerms advertising) {
		Scan scan = new Scan(normalised);
		int links = scan.mayHaveLinks ? count(URL, normalised) : 0;
		int contacts = 0;
		if (scan.longestMaskedRun >= 7 || scan.separatedDigits) {
			contacts += count(PHONE, normalised);
		}
		if (scan.longestMaskedRun >= 5 && containsAny(normalised, QQ_WORDS)) {
			contacts += count(QQ, normalised);
		}
		if (containsAny(normalised, WECHAT_WORDS)) {
			contacts += count(WECHAT, normalised);
		}
		if (scan.hasAt) {
			contacts += count(EMAIL, normalised);
		}
		int length = Math.max(1, normalised.length());
		return new ContentFeatures(links, contacts, contacts * 100.0 / length, scan.longestRun,
				scan.gibberish(normalised), advertising.find(normalised), scan.cjk + scan.latin);
	}

	double advertisingWeight() {
		return this.advertisingTerms.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	private static boolean containsAny(String text, List<String> words) {
		for (String word : words) {
			if (text.contains(word)) {
				return true;
			}
		}
		return false;
	}

	private static int count(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		int n = 0;
		while (matcher.find()) {
			n++;
		}
		return n;
	}

	/** The counts one pass over the text gives. */
	private static final class Scan {

		/** CJK characters. */
		int cjk;

		/** Latin letters other than the digit mask {@code x}. */
		int latin;

		int vowels;

		/** The longest run of one letter (not the digit mask, digits or punctuation). */
		int longestRun;

		/** The longest run of masked digits. */
		int longestMaskedRun;

		/** A masked digit, a hyphen or space, and a masked digit again. */
		boolean separatedDigits;

		boolean mayHaveLinks;

		boolean hasAt;

		Scan(String text) {
			int run = 0;
			int previous = -1;
			int masked = 0;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				masked = (c == 'x') ? masked + 1 : 0;
				if (c == 'x' && i + 2 < text.length() && (text.charAt(i + 1) == '-' || text.charAt(i + 1) == ' ')
						&& text.charAt(i + 2) == 'x') {
					this.separatedDigits = true;
				}
				this.longestMaskedRun = Math.max(this.longestMaskedRun, masked);
				if (c >= 'a' && c <= 'z') {
					if (c != 'x') {
						this.latin++;
					}
					if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
						this.vowels++;
					}
				}
				else if (c == '.' && i + 1 < text.length() && text.charAt(i + 1) >= 'a' && text.charAt(i + 1) <= 'z') {
					this.mayHaveLinks = true;
				}
				else if (c == ':' && text.startsWith("//", i + 1)) {
					this.mayHaveLinks = true;
				}
				else if (c == '@') {
					this.hasAt = true;
				}
				else if (isCjk(Character.isHighSurrogate(c) ? text.codePointAt(i) : c)) {
					this.cjk++;
				}
				boolean counted = Character.isLetter(c) && c != 'x';
				run = (counted && c == previous) ? run + 1 : (counted ? 1 : 0);
				previous = counted ? c : -1;
				this.longestRun = Math.max(this.longestRun, run);
			}
		}

		/**
		 * Mostly Latin letters with little CJK text, and long consonant runs or few
		 * vowels: keyboard mashing such as "sdfghjkl qwrtzxcv" rather than pinyin or
		 * English.
		 */
		boolean gibberish(String text) {
			if (this.latin < 12 || this.cjk * 4L > this.latin) {
				return false;
			}
			return count(LATIN_WORD, text) >= 2 || this.vowels * 5L < this.latin;
		}

	}

	/** Han script; the common CJK block is answered without the script table. */
	static boolean isCjk(int c) {
		if (c >= 0x4e00 && c <= 0x9fff) {
			return true;
		}
		return c >= 0x2e80 && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
	}

}
