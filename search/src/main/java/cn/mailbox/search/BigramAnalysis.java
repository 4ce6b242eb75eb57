package cn.mailbox.search;

import java.io.Reader;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * Chinese analysis by overlapping character bigrams, with single characters indexed as
 * well.
 * <p>
 * Why not a dictionary segmenter: a journalist must find every two-character word, also
 * inside a longer word the segmenter keeps whole (物业 in 物业公司) and place names it does not
 * know (景蓉华苑). Bigrams guarantee it, and the evaluation shows they rank as well (see
 * README). A query word becomes a phrase of its bigrams, so 物业管理 matches only those four
 * characters in a row; a single character matches the indexed unigram.
 * <p>
 * Both sides fold full-width forms to half-width ({@link CJKWidthCharFilter}, which keeps
 * offsets right for highlighting) and lower-case.
 */
final class BigramAnalysis implements TextAnalysis {

	private final Analyzer index = new CjkAnalyzer(true);

	private final QueryBuilder query = new QueryBuilder(new CjkAnalyzer(false));

	@Override
	public Analyzer indexAnalyzer() {
		return this.index;
	}

	@Override
	public Query match(String field, String text) {
		return this.query.createPhraseQuery(field, text);
	}

	/**
	 * Standard tokenizer, width folding, lower case, CJK bigrams (with or without
	 * unigrams).
	 */
	static final class CjkAnalyzer extends Analyzer {

		private final boolean unigrams;

		CjkAnalyzer(boolean unigrams) {
			this.unigrams = unigrams;
		}

		@Override
		protected Reader initReader(String fieldName, Reader reader) {
			return new CJKWidthCharFilter(reader);
		}

		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			StandardTokenizer tokenizer = new StandardTokenizer();
			TokenStream stream = new LowerCaseFilter(tokenizer);
			stream = new CJKBigramFilter(stream,
					CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL,
					this.unigrams);
			return new TokenStreamComponents(tokenizer, stream);
		}

		@Override
		protected Reader initReaderForNormalization(String fieldName, Reader reader) {
			return new CJKWidthCharFilter(reader);
		}

		@Override
		protected TokenStream normalize(String fieldName, TokenStream in) {
			return new LowerCaseFilter(in);
		}

	}

}
