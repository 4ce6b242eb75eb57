package cn.mailbox.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.Query;

/**
 * How Chinese text is split into index terms and how a query word is matched against
 * them. One implementation ships ({@link BigramAnalysis}); the evaluation plugs in
 * alternatives to compare.
 */
interface TextAnalysis {

	/**
	 * The analyzer for every indexed text field, including the {@link #WORD_SUFFIX}
	 * fields.
	 */
	Analyzer indexAnalyzer();

	/** Whether the text fields are also indexed under {@code field + WORD_SUFFIX}. */
	default boolean wordFields() {
		return false;
	}

	/**
	 * The query for one word or phrase typed by the user, in one field, or {@code null}
	 * when the text has nothing searchable (only punctuation, say).
	 */
	Query match(String field, String text);

	/**
	 * The words of the text in a row as an intervals source (field-less), for the
	 * proximity clause, or {@code null} when the analysis offers none or the text has
	 * nothing searchable.
	 */
	default IntervalsSource intervals(String text) {
		return null;
	}

	/**
	 * Suffix of the optional second copy of each text field (for word-segmenting
	 * analyzers).
	 */
	String WORD_SUFFIX = ".w";

}
