package cn.mailbox.site.pages;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bar charts as inline SVG, made on the server: no chart server, no script, no
 * inline style (colours are presentation attributes and CSS classes, which the
 * Content-Security-Policy allows). Every text is escaped; the chart carries a title and a
 * description for screen readers, and the pages show the same figures in tables.
 */
public final class SvgCharts {

	/**
	 * Drawn at about its own size on a 360-pixel phone, so the 14-unit text stays legible
	 * there; wider screens scale it up to the style sheet's maximum width.
	 */
	private static final int WIDTH = 360;

	private static final int LABEL = 122;

	private static final int VALUE = 50;

	private static final int ROW = 26;

	/**
	 * Code points of a label drawn in full; longer ones are cut (the table has them
	 * whole).
	 */
	private static final int LABEL_CHARS = 8;

	private SvgCharts() {
	}

	/**
	 * One bar.
	 *
	 * @param label the category (unit, month)
	 * @param value the value drawn
	 * @param text the value as printed next to the bar
	 */
	public record Bar(String label, double value, String text) {

		/** The same bar under another label. */
		public Bar labelled(String label) {
			return new Bar(label, this.value, this.text);
		}

	}

	/**
	 * A bar chart.
	 * @param id unique id on the page (for {@code aria-labelledby})
	 * @param title the chart's title
	 * @param description what it shows, for screen readers
	 * @param bars the bars, top to bottom
	 * @param max the value of a full-width bar (at least the largest value)
	 * @return the {@code <svg>} element
	 */
	public static String bars(String id, String title, String description, List<Bar> bars, double max) {
		int height = Math.max(1, bars.size()) * ROW + 10;
		double scale = (max > 0) ? (WIDTH - LABEL - VALUE) / max : 0;
		StringBuilder svg = new StringBuilder(256 + bars.size() * 200);
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(height)
			.append("\" aria-labelledby=\"")
			.append(id)
			.append("-title ")
			.append(id)
			.append("-desc\"><title id=\"")
			.append(id)
			.append("-title\">")
			.append(escape(title))
			.append("</title><desc id=\"")
			.append(id)
			.append("-desc\">")
			.append(escape(description))
			.append("</desc>");
		for (int i = 0; i < bars.size(); i++) {
			Bar bar = bars.get(i);
			int y = 5 + i * ROW;
			double width = Math.max(0, bar.value()) * scale;
			svg.append("<text x=\"")
				.append(LABEL - 6)
				.append("\" y=\"")
				.append(y + 17)
				.append("\" text-anchor=\"end\" class=\"chart-label\" fill=\"#1f2328\" font-size=\"14\">")
				.append(escape(shorten(bar.label())))
				.append("</text><rect x=\"")
				.append(LABEL)
				.append("\" y=\"")
				.append(y + 3)
				.append("\" width=\"")
				.append(String.format(Locale.ROOT, "%.1f", width))
				.append("\" height=\"")
				.append(ROW - 8)
				.append("\" class=\"chart-bar\" fill=\"#b3261e\"/><text x=\"")
				.append(String.format(Locale.ROOT, "%.1f", LABEL + width + 6))
				.append("\" y=\"")
				.append(y + 17)
				.append("\" class=\"chart-value\" fill=\"#1f2328\" font-size=\"14\">")
				.append(escape(bar.text()))
				.append("</text>");
		}
		return svg.append("</svg>").toString();
	}

	private static String shorten(String label) {
		return (label.codePointCount(0, label.length()) <= LABEL_CHARS) ? label
				: label.substring(0, label.offsetByCodePoints(0, LABEL_CHARS - 1)) + "…";
	}

	/** XML escaping that drops characters XML 1.0 forbids. */
	public static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		text.codePoints().forEach((c) -> {
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> {
					if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
							|| (c >= 0x10000 && c <= 0x10FFFF)) {
						out.appendCodePoint(c);
					}
				}
			}
		});
		return out.toString();
	}

}
