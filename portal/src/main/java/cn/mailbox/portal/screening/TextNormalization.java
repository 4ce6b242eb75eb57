package cn.mailbox.portal.screening;

import java.text.Normalizer;

/**
 * The two text normalisations screening relies on. Full-width forms, case and digits vary
 * freely between an advert and its copies, so they are folded before anything is counted.
 */
final class TextNormalization {

	private TextNormalization() {
	}

	/**
	 * For the classifier: NFKC, lower case, every digit replaced by {@code x} (the SMS
	 * training set masks digits that way, so prediction must see the same alphabet), runs
	 * of whitespace collapsed to one space.
	 */
	static String forClassifier(String text) {
		String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
		StringBuilder out = new StringBuilder(nfkc.length());
		boolean space = false;
		for (int i = 0; i < nfkc.length(); i++) {
			char c = nfkc.charAt(i);
			if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				space = out.length() > 0;
				continue;
			}
			if (space) {
				out.append(' ');
				space = false;
			}
			out.append(Character.isDigit(c) ? 'x' : c);
		}
		return out.toString();
	}

	/**
	 * For duplicate detection: NFKC, lower case, and only letters and digits kept, so
	 * re-punctuated or re-spaced copies of a letter normalise to the same string.
	 */
	static String forDuplicates(String text) {
		String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
		StringBuilder out = new StringBuilder(nfkc.length());
		for (int i = 0; i < nfkc.length();) {
			int c = nfkc.codePointAt(i);
			if (Character.isLetterOrDigit(c)) {
				out.appendCodePoint(c);
			}
			i += Character.charCount(c);
		}
		return out.toString();
	}

}
