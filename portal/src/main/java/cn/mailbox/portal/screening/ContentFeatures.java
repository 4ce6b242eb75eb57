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

	private static final List<Pattern> CONTACTS = List.of(
			// mobile numbers, landlines (with or without area code), 400/800 lines;
			// digits are x
			Pattern
				.compile("(?<![x])x{3,4}[- —]?x{7,8}(?![x])|(?<![x])x{11}(?![x])|(?<![x])x{3}[- ]x{4}[- ]x{4}(?![x])"),
			Pattern.compile("(qq|扣扣|企鹅)[号码:： ]*x{5,11}"),
			Pattern.compile("(微信|微 信|vx|v信|wx|weixin|威信|薇信|徽信)[号码:： ]*[a-z0-9_-]{5,20}"),
			Pattern.compile("[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}"));

	private static final Pattern LATIN_WORD = Pattern.compile("[b-df-hj-np-tv-wyz]{6,}");

	ContentFeatures {
		advertisingTerms = Map.copyOf(advertisingTerms);
	}

	static ContentFeatures of(String normalised, WeightedTerms advertising) {
		int links = count(URL, normalised);
		int contacts = 0;
		for (Pattern pattern : CONTACTS) {
			contacts += count(pattern, normalised);
		}
		int length = Math.max(1, normalised.length());
		return new ContentFeatures(links, contacts, contacts * 100.0 / length, longestRun(normalised),
				gibberish(normalised), advertising.find(normalised), meaningfulChars(normalised));
	}

	double advertisingWeight() {
		return this.advertisingTerms.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	private static int count(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		int n = 0;
		while (matcher.find()) {
			n++;
		}
		return n;
	}

	private static int longestRun(String text) {
		int longest = 0;
		int run = 0;
		int previous = -1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean counted = Character.isLetter(c) && c != 'x';
			run = (counted && c == previous) ? run + 1 : (counted ? 1 : 0);
			previous = counted ? c : -1;
			longest = Math.max(longest, run);
		}
		return longest;
	}

	/**
	 * Mostly Latin letters with little CJK text, and long consonant runs or few vowels:
	 * keyboard mashing such as "sdfghjkl qwrtzxcv" rather than pinyin or English.
	 */
	private static boolean gibberish(String text) {
		long cjk = text.codePoints().filter(ContentFeatures::isCjk).count();
		long latin = text.chars().filter(c -> c >= 'a' && c <= 'z' && c != 'x').count();
		if (latin < 12 || cjk * 4 > latin) {
			return false;
		}
		Matcher matcher = LATIN_WORD.matcher(text);
		long vowels = text.chars().filter(c -> "aeiou".indexOf(c) >= 0).count();
		int consonantRuns = 0;
		while (matcher.find()) {
			consonantRuns++;
		}
		return consonantRuns >= 2 || vowels * 5 < latin;
	}

	private static int meaningfulChars(String text) {
		return (int) text.codePoints().filter(c -> isCjk(c) || (c >= 'a' && c <= 'z' && c != 'x')).count();
	}

	static boolean isCjk(int c) {
		return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
	}

}
