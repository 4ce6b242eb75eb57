package cn.mailbox.search;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * The alternative the evaluation measures: Lucene's smartcn word segmentation (HMM +
 * dictionary), alone or OR-ed with the shipped bigram analysis (each text field indexed
 * twice).
 */
final class SmartcnAnalysis implements TextAnalysis {

	private final boolean withBigrams;

	private final BigramAnalysis bigrams = new BigramAnalysis();

	private final QueryBuilder words;

	private final Analyzer index;

	SmartcnAnalysis(boolean withBigrams) {
		this.withBigrams = withBigrams;
		Analyzer smart = new SmartChineseAnalyzer();
		this.words = new QueryBuilder(smart);
		this.index = new PerFieldAnalyzerWrapper(this.bigrams.indexAnalyzer(),
				Map.of(SearchBoxParser.TITLE + WORD_SUFFIX, smart, SearchBoxParser.LETTER + WORD_SUFFIX, smart,
						SearchBoxParser.REPLY + WORD_SUFFIX, smart));
	}

	@Override
	public Analyzer indexAnalyzer() {
		return this.index;
	}

	@Override
	public boolean wordFields() {
		return true;
	}

	@Override
	public Query match(String field, String text) {
		Query words = this.words.createPhraseQuery(field + WORD_SUFFIX, text);
		if (!this.withBigrams) {
			return words;
		}
		Query grams = this.bigrams.match(field, text);
		if (words == null || grams == null) {
			return (words != null) ? words : grams;
		}
		return new BooleanQuery.Builder().add(words, Occur.SHOULD).add(grams, Occur.SHOULD).build();
	}

}
