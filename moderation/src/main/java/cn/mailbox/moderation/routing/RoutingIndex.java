package cn.mailbox.moderation.routing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A private Lucene index of past letters (title and body, CJK bigrams) and the units they
 * were assigned to. A new letter's suggested units are a vote of its most similar past
 * letters ({@link MoreLikeThis} over the letter's own text), each neighbour weighing by
 * its similarity.
 *
 * <p>
 * The index holds private letters, so it lives in its own directory
 * ({@code <data-dir>/routing}) apart from the public archive's, and only the staff API
 * reads it. All methods block (disk, Lucene): call them off the event loop, as
 * {@link RoutingSuggestions} does.
 *
 * <pre>
 * try (RoutingIndex index = RoutingIndex.open(dataDir.resolve("routing"))) {
 *     index.add("SZ20261122-00042", title, body, List.of("water"));
 *     index.refresh();
 *     List&lt;SuggestedUnit&gt; units = index.suggest(null, newTitle, newBody, 3);
 * }
 * </pre>
 */
public final class RoutingIndex implements AutoCloseable {

	static final String KEY = "key";

	static final String TEXT = "text";

	static final String UNIT = "unit";

	private final Tuning tuning;

	private final Directory directory;

	private final Analyzer analyzer = new CJKAnalyzer();

	private final IndexWriter writer;

	private final SearcherManager searchers;

	/**
	 * How the vote is taken.
	 *
	 * @param neighbours how many similar letters vote
	 * @param queryTerms how many of the letter's most distinctive bigrams make the query
	 */
	record Tuning(int neighbours, int queryTerms) {

		static final Tuning DEFAULTS = new Tuning(20, 60);

	}

	private RoutingIndex(Path path, Tuning tuning) throws IOException {
		this.tuning = tuning;
		this.directory = FSDirectory.open(path);
		this.writer = new IndexWriter(this.directory,
				new IndexWriterConfig(this.analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
		this.searchers = new SearcherManager(this.writer, null);
	}

	/** Opens (or creates) the index in a directory of its own. */
	public static RoutingIndex open(Path path) {
		return open(path, Tuning.DEFAULTS);
	}

	static RoutingIndex open(Path path, Tuning tuning) {
		try {
			return new RoutingIndex(path, tuning);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Adds or replaces a letter (by its key, the tracking number); a letter with no units
	 * is removed, since it teaches nothing about routing.
	 */
	public void add(String key, String title, String body, Collection<String> units) {
		try {
			if (units.isEmpty()) {
				this.writer.deleteDocuments(new Term(KEY, key));
				return;
			}
			Document document = new Document();
			document.add(new StringField(KEY, key, Field.Store.NO));
			document.add(new TextField(TEXT, text(title, body), Field.Store.NO));
			for (String unit : units) {
				document.add(new StoredField(UNIT, unit));
			}
			this.writer.updateDocument(new Term(KEY, key), document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Removes every letter (before a rebuild from the letters table). */
	public void clear() {
		try {
			this.writer.deleteAll();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Makes the changes so far visible to {@link #suggest} and durable on disk. */
	public void refresh() {
		try {
			this.writer.commit();
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How many letters the suggestions are drawn from. */
	public int size() {
		return withSearcher((searcher) -> searcher.getIndexReader().numDocs());
	}

	/**
	 * Up to {@code limit} units, best first, for a letter's text; the letter itself (by
	 * {@code excludeKey}, may be null) never votes for its own routing.
	 */
	public List<SuggestedUnit> suggest(String excludeKey, String title, String body, int limit) {
		return withSearcher((searcher) -> {
			if (searcher.getIndexReader().numDocs() == 0) {
				return List.of();
			}
			MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
			mlt.setAnalyzer(this.analyzer);
			mlt.setFieldNames(new String[] { TEXT });
			mlt.setMinTermFreq(1);
			mlt.setMinDocFreq(1);
			mlt.setMaxQueryTerms(this.tuning.queryTerms());
			Query like = mlt.like(TEXT, new StringReader(text(title, body)));
			BooleanQuery.Builder query = new BooleanQuery.Builder().add(like, BooleanClause.Occur.MUST);
			if (excludeKey != null) {
				query.add(new TermQuery(new Term(KEY, excludeKey)), BooleanClause.Occur.MUST_NOT);
			}
			ScoreDoc[] hits = searcher.search(query.build(), this.tuning.neighbours()).scoreDocs;
			Map<String, Double> votes = new LinkedHashMap<>();
			double total = 0;
			StoredFields stored = searcher.storedFields();
			for (ScoreDoc hit : hits) {
				List<String> units = new ArrayList<>();
				for (IndexableField field : stored.document(hit.doc).getFields(UNIT)) {
					units.add(field.stringValue());
				}
				for (String unit : units) {
					votes.merge(unit, (double) hit.score / units.size(), Double::sum);
				}
				total += hit.score;
			}
			double sum = total;
			return votes.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
				.limit(limit)
				.map((vote) -> new SuggestedUnit(vote.getKey(), vote.getValue() / sum))
				.toList();
		});
	}

	@Override
	public void close() {
		try {
			this.searchers.close();
			this.writer.close();
			this.directory.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private <T> T withSearcher(SearcherFunction<T> function) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				return function.apply(searcher);
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String text(String title, String body) {
		return ((title != null) ? title : "") + "\n" + ((body != null) ? body : "");
	}

	@FunctionalInterface
	private interface SearcherFunction<T> {

		T apply(IndexSearcher searcher) throws IOException;

	}

}
