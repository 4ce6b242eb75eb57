package cn.mailbox.site.generator;

import java.time.Instant;
import java.util.List;

import cn.mailbox.site.pages.LetterSummary;
import cn.mailbox.site.pages.SvgCharts;

/**
 * An Atom 1.0 feed (RFC 4287) of the static site, built by hand with XML escaping that
 * drops characters XML forbids. Links are relative to the feed's own location (RFC 4287
 * resolves them against the feed's URL, so the folder still works from any host); the ids
 * are {@code tag:} URIs made from the tracking number, stable wherever the folder is
 * served.
 */
final class AtomFeed {

	static final int ENTRIES = 50;

	private AtomFeed() {
	}

	/**
	 * @param id the feed's stable id suffix ({@code archive}, {@code unit:water})
	 * @param title the feed's title
	 * @param root the relative path from the feed's folder to the site root ({@code ../})
	 * @param self the feed's file name
	 * @param letters the entries, newest first
	 * @param letterHref the relative link of each letter from the site root
	 */
	static String render(String id, String title, String root, String self, List<LetterSummary> letters,
			java.util.function.Function<String, String> letterHref) {
		Instant updated = letters.stream().map(LetterSummary::receivedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
		StringBuilder xml = new StringBuilder(2048 + letters.size() * 400);
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
		element(xml, "  ", "id", "tag:mayors-mailbox,2026:" + id);
		element(xml, "  ", "title", title);
		element(xml, "  ", "updated", updated.toString());
		xml.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(escape(self)).append("\"/>\n");
		xml.append("  <link rel=\"alternate\" type=\"text/html\" href=\"")
			.append(escape(root + "index.html"))
			.append("\"/>\n");
		xml.append("  <author><name>").append(escape(title)).append("</name></author>\n");
		for (LetterSummary letter : letters) {
			Instant at = (letter.repliedAt() != null) ? letter.repliedAt() : letter.receivedAt();
			xml.append("  <entry>\n");
			element(xml, "    ", "id", "tag:mayors-mailbox,2026:letter:" + letter.trackingNumber());
			element(xml, "    ", "title", letter.title());
			element(xml, "    ", "updated", at.toString());
			element(xml, "    ", "published", letter.receivedAt().toString());
			xml.append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
				.append(escape(root + letterHref.apply(letter.trackingNumber())))
				.append("\"/>\n");
			xml.append("    <category term=\"").append(escape(letter.nature())).append("\"/>\n");
			element(xml, "    ", "summary", letter.trackingNumber() + " · " + letter.workingDays() + "/"
					+ letter.limitDays() + (letter.onTime() ? " ✓" : " ✗"));
			xml.append("  </entry>\n");
		}
		return xml.append("</feed>\n").toString();
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

	static String escape(String text) {
		return SvgCharts.escape(text);
	}

}
