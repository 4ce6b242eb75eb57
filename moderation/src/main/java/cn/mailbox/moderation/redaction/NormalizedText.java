package cn.mailbox.moderation.redaction;

/**
 * A normalised copy of a text that detectors search, with the way back to the original.
 * Full-width ASCII becomes ASCII, every kind of space becomes a plain space, dash
 * look-alikes become {@code -}, and zero-width characters disappear, so
 * {@code １３８\u200b0013－8000} is searched as {@code 1380013-8000} but reported on the
 * original chars.
 */
final class NormalizedText {

	private final String original;

	private final String text;

	/** For each normalised char, the index of the original char it came from. */
	private final int[] origins;

	private NormalizedText(String original, String text, int[] origins) {
		this.original = original;
		this.text = text;
		this.origins = origins;
	}

	static NormalizedText of(String original) {
		StringBuilder text = new StringBuilder(original.length());
		int[] origins = new int[original.length()];
		for (int i = 0; i < original.length(); i++) {
			char c = original.charAt(i);
			if (isInvisible(c)) {
				continue;
			}
			origins[text.length()] = i;
			text.append(fold(c));
		}
		return new NormalizedText(original, text.toString(), origins);
	}

	private static boolean isInvisible(char c) {
		return c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff' || c == '\u00ad'
				|| c == '\u180e';
	}

	private static char fold(char c) {
		if (c >= '\uff01' && c <= '\uff5e') {
			return (char) (c - 0xfee0);
		}
		if (c == '\u3000' || c == '\u00a0' || c == '\t' || (c >= '\u2000' && c <= '\u200a') || c == '\u202f'
				|| c == '\u205f') {
			return ' ';
		}
		if ((c >= '\u2010' && c <= '\u2015') || c == '\u2212' || c == '\ufe63') {
			return '-';
		}
		return c;
	}

	/** The normalised text detectors search. */
	String text() {
		return this.text;
	}

	String original() {
		return this.original;
	}

	/** The original offset of normalised offset {@code start}. */
	int originalStart(int start) {
		return this.origins[start];
	}

	/** The original end (exclusive) of a normalised span ending before {@code end}. */
	int originalEnd(int end) {
		return this.origins[end - 1] + 1;
	}

}
