package cn.mailbox.portal.archive;

import java.time.Instant;
import java.util.List;

import cn.mailbox.search.ArchiveDocument;

/**
 * An Atom 1.0 feed (RFC 4287) of published letters, built by hand: every text goes
 * through {@link #escape}, which also drops characters XML 1.0 forbids, so a hostile
 * title can neither inject markup nor make the feed ill-formed.
 */
final class ArchiveFeed {

	static final int ENTRIES = 50;

	private static final int SUMMARY_LENGTH = 300;

	private ArchiveFeed() {
	}

	static String render(String baseUrl, String selfUrl, String title, Instant updated, List<ArchiveDocument> records) {
		StringBuilder xml = new StringBuilder(4096);
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
		element(xml, "  ", "id", selfUrl);
		element(xml, "  ", "title", title);
		element(xml, "  ", "updated", updated.toString());
		xml.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"")
			.append(escape(selfUrl))
			.append("\"/>\n");
		xml.append("  <author><name>").append(escape(title)).append("</name></author>\n");
		for (ArchiveDocument record : records) {
			String link = baseUrl + "/api/v1/archive/" + record.trackingNumber();
			xml.append("  <entry>\n");
			element(xml, "    ", "id", link);
			element(xml, "    ", "title", record.title());
			element(xml, "    ", "updated", record.publishedAt().toString());
			element(xml, "    ", "published", record.publishedAt().toString());
			xml.append("    <link rel=\"alternate\" href=\"").append(escape(link)).append("\"/>\n");
			xml.append("    <category term=\"").append(escape(record.nature())).append("\"/>\n");
			xml.append("    <summary type=\"text\">").append(escape(summary(record))).append("</summary>\n");
			xml.append("  </entry>\n");
		}
		return xml.append("</feed>\n").toString();
	}

	private static String summary(ArchiveDocument record) {
		String text = (record.letter() != null) ? record.letter() : (record.reply() != null) ? record.reply() : "";
		return (text.length() <= SUMMARY_LENGTH) ? text : text.substring(0, SUMMARY_LENGTH) + "…";
	}

	private static void element(StringBuilder xml, String indent, String name, String text) {
		xml.append(indent)
			.append('<')
			.append(name)
			.append('>')
			.append(escape(text))
			.append("</")
			.append(name)
			.append(">\n");
	}

	/** XML text and attribute escaping, dropping characters not allowed in XML 1.0. */
	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		text.codePoints().forEach((c) -> {
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> {
					if (allowed(c)) {
						out.appendCodePoint(c);
					}
				}
			}
		});
		return out.toString();
	}

	private static boolean allowed(int c) {
		return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
				|| (c >= 0x10000 && c <= 0x10FFFF);
	}

}
