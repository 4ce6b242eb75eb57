package cn.mailbox.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Highlighted snippets: the best passage of the letter, else of the reply, else of the
 * title.
 * <p>
 * The formatter HTML-escapes the record's text and adds only {@code <mark>} tags, so a
 * page can insert a snippet without escaping it again, and a {@code <script>} written by
 * a citizen stays text.
 */
final class Snippets {

	static final int LEAD_CHARS = 120;

	private static final String[] FIELDS = { SearchBoxParser.LETTER, SearchBoxParser.REPLY, SearchBoxParser.TITLE };

	private static final String MARK = "<mark>";

	private final Analyzer analyzer;

	Snippets(Analyzer analyzer) {
		this.analyzer = analyzer;
	}

	/**
	 * One snippet per hit, or {@code null} where nothing matched in text (use
	 * {@link #lead}).
	 */
	String[] of(IndexSearcher searcher, Query text, ScoreDoc[] hits) throws IOException {
		String[] result = new String[hits.length];
		if (text == null || hits.length == 0) {
			return result;
		}
		UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, this.analyzer)
			.withFormatter(new DefaultPassageFormatter(MARK, "</mark>", "…", true))
			.withBreakIterator(() -> LengthGoalBreakIterator
				.createClosestToLength(BreakIterator.getSentenceInstance(Locale.CHINA), LEAD_CHARS, 0.5f))
			.withMaxNoHighlightPassages(0)
			.build();
		int[] docIds = new int[hits.length];
		for (int i = 0; i < hits.length; i++) {
			docIds[i] = hits[i].doc;
		}
		int[] passages = { 1, 1, 1 };
		Map<String, String[]> byField = highlighter.highlightFields(FIELDS, text, docIds, passages);
		for (int i = 0; i < hits.length; i++) {
			for (String field : FIELDS) {
				String snippet = byField.get(field)[i];
				if (snippet != null && snippet.contains(MARK)) {
					result[i] = snippet;
					break;
				}
			}
		}
		return result;
	}

	/**
	 * The start of the letter (or reply, or title), escaped, for hits without a
	 * highlight.
	 */
	static String lead(ArchiveDocument document) {
		String source = (document.letter() != null) ? document.letter()
				: (document.reply() != null) ? document.reply() : document.title();
		String lead = (source.length() > LEAD_CHARS) ? source.substring(0, LEAD_CHARS) + "…" : source;
		return escape(lead);
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#x27;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
