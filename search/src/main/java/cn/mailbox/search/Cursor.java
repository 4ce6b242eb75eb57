package cn.mailbox.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The opaque cursor for deep paging: the sort values of the last hit of a page, so the
 * next page starts strictly after it ({@code searchAfter}). It names the order it belongs
 * to, so a cursor is refused with another order instead of silently skipping hits.
 */
final class Cursor {

	private static final String VERSION = "1";

	private Cursor() {
	}

	static String encode(ArchiveSort sort, FieldDoc last) {
		Object[] values = last.fields;
		StringBuilder text = new StringBuilder(VERSION).append('|').append(sort.name());
		for (Object value : values) {
			text.append('|');
			switch (value) {
				case Float score -> text.append('f').append(Integer.toHexString(Float.floatToRawIntBits(score)));
				case Long millis -> text.append('l').append(millis);
				case BytesRef bytes -> text.append('b').append(bytes.utf8ToString());
				default -> throw new IllegalStateException("unexpected sort value " + value);
			}
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The position the cursor stands for.
	 * @throws IllegalArgumentException when the cursor is not one this index made for
	 * this order
	 */
	static FieldDoc decode(ArchiveSort sort, String cursor) {
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		String kinds = (sort == ArchiveSort.RELEVANCE) ? "flb" : "lb";
		int expected = kinds.length();
		String[] parts = text.split("\\|", 2 + expected);
		if (parts.length != 2 + expected || !VERSION.equals(parts[0]) || !sort.name().equals(parts[1])) {
			throw invalid();
		}
		Object[] values = new Object[expected];
		try {
			for (int i = 0; i < expected; i++) {
				String part = parts[i + 2];
				if (part.isEmpty() || part.charAt(0) != kinds.charAt(i)) {
					throw invalid();
				}
				values[i] = switch (part.charAt(0)) {
					case 'f' -> Float.intBitsToFloat(Integer.parseUnsignedInt(part.substring(1), 16));
					case 'l' -> Long.parseLong(part.substring(1));
					case 'b' -> new BytesRef(part.substring(1));
					default -> throw invalid();
				};
			}
		}
		catch (NumberFormatException ex) {
			throw invalid();
		}
		// Integer.MAX_VALUE: on equal sort values (only the same record) the hit counts
		// as seen.
		return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
	}

	private static IllegalArgumentException invalid() {
		return new IllegalArgumentException("invalid cursor");
	}

}
