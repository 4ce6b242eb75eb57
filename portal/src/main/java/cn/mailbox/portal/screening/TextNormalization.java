package cn.mailbox.portal.screening;

import java.text.Normalizer;

/**
 * The two text normalisations screening relies on. Full-width forms, case and digits vary
 * freely between an advert and its copies, so they are folded before anything is counted.
 */
final class TextNormalization {

	/**
	 * NFKC and lower case of one character, for the characters Chinese letters are
	 * written in (ASCII, Latin-1, general and CJK punctuation, kana, the unified
	 * ideographs, full- and half-width forms): {@code 0} where the character is not
	 * covered, {@link #EXPANDS} where it folds to more than one character (its string is
	 * in {@link #EXPANSIONS}). {@link Normalizer} walks every string through its generic
	 * decompose-and-recompose machinery, which was about 4 % of a submission's CPU; for
	 * these characters NFKC of a string is the concatenation of each character's NFKC
	 * (none of them is a combining mark, none composes with its neighbour), so a table
	 * gives the same answer.
	 */
	private static final char[] FOLDED = new char[Character.MAX_VALUE + 1];

	private static final char EXPANDS = Character.MAX_VALUE;

	private static final String[] EXPANSIONS = new String[Character.MAX_VALUE + 1];

	static {
		int[][] ranges = { { 0x09, 0x0D }, { 0x20, 0x7E }, { 0xA0, 0xFF }, { 0x2000, 0x206F }, { 0x3000, 0x30FF },
				{ 0x4E00, 0x9FFF }, { 0xFF00, 0xFFEF } };
		for (int[] range : ranges) {
			for (int c = range[0]; c <= range[1]; c++) {
				String folded = slowFold(String.valueOf((char) c));
				if (!folded.isEmpty() && !isMark(c) && folded.chars().noneMatch(TextNormalization::isMark)) {
					FOLDED[c] = (folded.length() == 1) ? folded.charAt(0) : EXPANDS;
					EXPANSIONS[c] = (folded.length() == 1) ? null : folded;
				}
			}
		}
		// What a covered character folds to must itself be covered and fold to itself:
		// otherwise the table and Normalizer could disagree on a string of such results.
		boolean dropped;
		do {
			dropped = false;
			for (int c = 0; c <= Character.MAX_VALUE; c++) {
				if (FOLDED[c] != 0) {
					String folded = (FOLDED[c] == EXPANDS) ? EXPANSIONS[c] : String.valueOf(FOLDED[c]);
					if (folded.chars().anyMatch((d) -> FOLDED[d] != d)) {
						FOLDED[c] = 0;
						EXPANSIONS[c] = null;
						dropped = true;
					}
				}
			}
		}
		while (dropped);
	}

	private TextNormalization() {
	}

	/**
	 * {@code Normalizer.normalize(text, NFKC).toLowerCase(Locale.ROOT)}, by table when
	 * every character is covered (nearly every letter), by {@link Normalizer} otherwise.
	 */
	static String nfkcLowerCase(String text) {
		String folded = byTable(text);
		return (folded != null) ? folded : slowFold(text);
	}

	/** The fold by table, or null when {@code text} has a character the table lacks. */
	static String byTable(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			char folded = FOLDED[c];
			if (folded == 0) {
				return null;
			}
			if (folded == EXPANDS) {
				out.append(EXPANSIONS[c]);
			}
			else {
				out.append(folded);
			}
		}
		return out.toString();
	}

	private static String slowFold(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
	}

	private static boolean isMark(int c) {
		int type = Character.getType(c);
		return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
				|| type == Character.COMBINING_SPACING_MARK;
	}

	/**
	 * For the classifier: NFKC, lower case, every digit replaced by {@code x} (the SMS
	 * training set masks digits that way, so prediction must see the same alphabet), runs
	 * of whitespace collapsed to one space.
	 */
	static String forClassifier(String text) {
		String nfkc = nfkcLowerCase(text);
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
		String nfkc = nfkcLowerCase(text);
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
