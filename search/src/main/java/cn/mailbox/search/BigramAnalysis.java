package cn.mailbox.search;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

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
 * <p>
 * The query is analysed by the index analyzer itself and keeps its positions (one per
 * character, a bigram at the position of its first character); only the single characters
 * a bigram already covers are left out. Why: a bigram-only analysis numbers the bigrams
 * 0, 1, 2, … and so loses the position of the last character of each run of Han
 * characters, and a phrase crossing punctuation or a change of script (退出小区，业委会; 楼下KTV)
 * then never matched the text it was copied from.
 */
final class BigramAnalysis implements TextAnalysis {

	private final Analyzer index = new CjkAnalyzer(true);

	@Override
	public Analyzer indexAnalyzer() {
		return this.index;
	}

	@Override
	public Query match(String field, String text) {
		List<Gram> grams = grams(text);
		if (grams.isEmpty()) {
			return null;
		}
		if (grams.size() == 1) {
			return new TermQuery(new Term(field, grams.getFirst().term()));
		}
		PhraseQuery.Builder phrase = new PhraseQuery.Builder();
		grams.forEach((gram) -> phrase.add(new Term(field, gram.term()), gram.position()));
		return phrase.build();
	}

	@Override
	public IntervalsSource intervals(String text) {
		List<Gram> grams = grams(text);
		if (grams.isEmpty()) {
			return null;
		}
		if (grams.size() == 1) {
			return Intervals.term(grams.getFirst().term());
		}
		List<IntervalsSource> parts = new ArrayList<>();
		int previous = grams.getFirst().position() - 1;
		for (Gram gram : grams) {
			// a covered last character of a run leaves a position out: stretch over it
			int gap = gram.position() - previous - 1;
			IntervalsSource term = Intervals.term(gram.term());
			parts.add((gap > 0) ? Intervals.extend(term, gap, 0) : term);
			previous = gram.position();
		}
		return Intervals.phrase(parts.toArray(IntervalsSource[]::new));
	}

	/**
	 * The index's terms for the text with their positions, without the single characters
	 * a bigram covers (at its own position or the one before).
	 */
	private List<Gram> grams(String text) {
		List<Gram> all = new ArrayList<>();
		try (TokenStream stream = this.index.tokenStream("", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
			TypeAttribute type = stream.addAttribute(TypeAttribute.class);
			stream.reset();
			int position = -1;
			while (stream.incrementToken()) {
				position += increment.getPositionIncrement();
				all.add(new Gram(term.toString(), position, CJKBigramFilter.DOUBLE_TYPE.equals(type.type())));
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Gram> kept = new ArrayList<>();
		for (Gram gram : all) {
			boolean covered = !gram.bigram() && all.stream()
				.anyMatch((other) -> other.bigram()
						&& (other.position() == gram.position() || other.position() == gram.position() - 1));
			if (!covered) {
				kept.add(gram);
			}
		}
		return kept;
	}

	/** An index term of the query text at its position. */
	private record Gram(String term, int position, boolean bigram) {
	}

	/**
	 * Standard tokenizer, width folding, lower case, CJK bigrams (with or without
	 * unigrams; the evaluation's smartcn option queries bigrams without them).
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
