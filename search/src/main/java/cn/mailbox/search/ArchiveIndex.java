package cn.mailbox.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of the public archive: blocking, thread-safe, near-real-time.
 * <p>
 * Changes come from the publication log as {@link ArchiveChange}s and become searchable
 * within about {@value #REFRESH_MILLIS} ms: a background thread refreshes the shared
 * {@link SearcherManager} (so no search waits for a reopen) and commits every
 * {@value #COMMIT_MILLIS} ms together with the highest applied sequence number, which
 * {@link #appliedSequence()} returns after a restart so the consumer knows where to
 * resume. Calls block on I/O: from reactive code use {@link ReactiveArchive}.
 *
 * <pre>{@code
 * try (ArchiveIndex index = ArchiveIndex.open(Path.of("data/archive-index"))) {
 *     index.apply(new ArchiveChange.Upsert(42, record));
 *     ArchivePage page = index.search(ArchiveQuery.text("物业 -停车", 20));
 *     ArchivePage next = index.search(query.after(page.nextCursor()));
 * }
 * }</pre>
 */
public final class ArchiveIndex implements Closeable {

	/** The default zone for the year facet and the from/to days. */
	public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

	static final long REFRESH_MILLIS = 100;

	static final long COMMIT_MILLIS = 1000;

	/** Values counted per facet, largest first. */
	static final int MAX_FACET_VALUES = 500;

	private static final String APPLIED_SEQUENCE = "appliedSequence";

	private static final String EPOCH_KEY = "epoch";

	private static final Logger logger = LoggerFactory.getLogger(ArchiveIndex.class);

	private final Directory directory;

	private final boolean ownsDirectory;

	private final ArchiveFields fields;

	private final SearchBoxParser parser;

	private final Snippets snippets;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final ScheduledExecutorService background;

	private final Object writeLock = new Object();

	private final ReentrantLock rebuildLock = new ReentrantLock();

	private volatile long appliedSequence;

	private volatile boolean rebuilding;

	private volatile String epoch;

	private volatile FacetState facetState;

	private ArchiveIndex(Directory directory, boolean ownsDirectory, TextAnalysis analysis, ZoneId zone,
			Ranking ranking) throws IOException {
		this.directory = directory;
		this.ownsDirectory = ownsDirectory;
		this.fields = new ArchiveFields(analysis, zone);
		this.parser = new SearchBoxParser(analysis, Synonyms.load(), ranking);
		this.snippets = new Snippets(analysis.indexAnalyzer());
		IndexWriterConfig config = new IndexWriterConfig(analysis.indexAnalyzer()).setSimilarity(ranking.similarity())
			.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
		this.writer = new IndexWriter(directory, config);
		Map<String, String> committed = new LinkedHashMap<>();
		Iterable<Map.Entry<String, String>> live = this.writer.getLiveCommitData();
		if (live != null) {
			live.forEach((entry) -> committed.put(entry.getKey(), entry.getValue()));
		}
		this.appliedSequence = Long.parseLong(committed.getOrDefault(APPLIED_SEQUENCE, "0"));
		this.epoch = committed.getOrDefault(EPOCH_KEY, UUID.randomUUID().toString());
		this.searchers = new SearcherManager(this.writer, new SearcherFactory() {
			@Override
			public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
				IndexSearcher searcher = new IndexSearcher(reader);
				searcher.setSimilarity(ranking.similarity());
				return searcher;
			}
		});
		this.background = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("archive-index-refresh").daemon(true).factory());
		this.background.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_MILLIS, REFRESH_MILLIS,
				TimeUnit.MILLISECONDS);
		this.background.scheduleWithFixedDelay(this::commitQuietly, COMMIT_MILLIS, COMMIT_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	/** Opens (or creates) the index in a folder; closing the index closes the folder. */
	public static ArchiveIndex open(Path folder) {
		try {
			return new ArchiveIndex(FSDirectory.open(folder), true, new BigramAnalysis(), DEFAULT_ZONE,
					Ranking.DEFAULT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Opens (or creates) the index in a directory the caller closes, days in
	 * Asia/Shanghai.
	 */
	public static ArchiveIndex open(Directory directory) {
		return open(directory, DEFAULT_ZONE);
	}

	/**
	 * Opens (or creates) the index in a directory the caller closes, counting days in a
	 * zone.
	 */
	public static ArchiveIndex open(Directory directory, ZoneId zone) {
		return open(directory, new BigramAnalysis(), zone);
	}

	static ArchiveIndex open(Directory directory, TextAnalysis analysis, ZoneId zone) {
		return open(directory, analysis, zone, Ranking.DEFAULT);
	}

	static ArchiveIndex open(Directory directory, TextAnalysis analysis, ZoneId zone, Ranking ranking) {
		try {
			return new ArchiveIndex(directory, false, analysis, zone, ranking);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Applies one publication-log entry unless its sequence is not newer than
	 * {@link #appliedSequence()}.
	 * @return whether the index changed
	 */
	public boolean apply(ArchiveChange change) {
		synchronized (this.writeLock) {
			if (change.sequence() <= this.appliedSequence) {
				return false;
			}
			try {
				Term key = new Term(ArchiveFields.TRACKING_NUMBER, change.trackingNumber());
				switch (change) {
					case ArchiveChange.Upsert upsert ->
						this.writer.updateDocument(key, this.fields.toLucene(upsert.document(), this.epoch));
					case ArchiveChange.Delete delete -> this.writer.deleteDocuments(key);
				}
				recordSequence(change.sequence());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return true;
		}
	}

	/**
	 * The highest publication-log sequence applied; after a restart, the one committed
	 * with the index, so replaying the log from here loses nothing.
	 */
	public long appliedSequence() {
		return this.appliedSequence;
	}

	/**
	 * Replaces the whole index with the given records (the archive as of
	 * {@code asOfSequence}).
	 * <p>
	 * Searches keep working throughout and never see a half-empty archive: records are
	 * replaced one by one, and those not in the new set are removed at the end. If the
	 * documents fail midway, nothing is removed. Afterwards {@link #appliedSequence()} is
	 * {@code asOfSequence}, so the consumer replays the log from there. Pause the
	 * consumer during a rebuild.
	 * @return the number of records indexed
	 * @throws IllegalStateException when another rebuild is running
	 */
	public long rebuild(Iterable<ArchiveDocument> documents, long asOfSequence) {
		if (asOfSequence < 0) {
			throw new IllegalArgumentException("asOfSequence must not be negative");
		}
		if (!this.rebuildLock.tryLock()) {
			throw new IllegalStateException("a rebuild is already running");
		}
		try {
			String next = UUID.randomUUID().toString();
			synchronized (this.writeLock) {
				this.epoch = next;
			}
			this.rebuilding = true;
			long count = 0;
			for (ArchiveDocument document : documents) {
				synchronized (this.writeLock) {
					this.writer.updateDocument(new Term(ArchiveFields.TRACKING_NUMBER, document.trackingNumber()),
							this.fields.toLucene(document, next));
				}
				count++;
			}
			synchronized (this.writeLock) {
				this.writer.deleteDocuments(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST)
					.add(KeywordField.newExactQuery(ArchiveFields.EPOCH, next), Occur.MUST_NOT)
					.build());
				recordSequence(asOfSequence);
				this.writer.commit();
			}
			this.searchers.maybeRefreshBlocking();
			return count;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.rebuilding = false;
			this.rebuildLock.unlock();
		}
	}

	/**
	 * Makes every applied change searchable now instead of at the next background
	 * refresh.
	 */
	public void refresh() {
		try {
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Makes every applied change durable now, with its sequence number. */
	public void commit() {
		synchronized (this.writeLock) {
			try {
				this.writer.commit();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/** How many records are searchable. */
	public int count() {
		return withSearcher((searcher) -> searcher.getIndexReader().numDocs());
	}

	/** The record with this tracking number, if it is published. */
	public Optional<ArchiveDocument> find(String trackingNumber) {
		return withSearcher((searcher) -> {
			var top = searcher.search(new TermQuery(new Term(ArchiveFields.TRACKING_NUMBER, trackingNumber)), 1);
			if (top.scoreDocs.length == 0) {
				return Optional.empty();
			}
			return Optional.of(this.fields.fromLucene(searcher.storedFields().document(top.scoreDocs[0].doc)));
		});
	}

	/**
	 * One page of matches, with snippets and, when asked, facet counts. Any query text is
	 * accepted (see {@link ArchiveQuery}).
	 * @throws IllegalArgumentException when the cursor is not valid for the query's order
	 */
	public ArchivePage search(ArchiveQuery query) {
		return search(query, true);
	}

	ArchivePage search(ArchiveQuery query, boolean withSnippets) {
		ArchiveSort order = query.effectiveSort();
		FieldDoc after = (query.cursor() == null) ? null : Cursor.decode(order, query.cursor());
		Query text = parse(query.q());
		Query filtered = filter(text, query);
		int skip = (after == null) ? query.page() * query.size() : 0;
		// one hit beyond the page tells whether a next page exists, also after a cursor
		int wanted = skip + query.size() + 1;
		try {
			return page(query, order, after, text, filtered, skip, wanted, withSnippets);
		}
		catch (IndexSearcher.TooManyClauses ex) {
			logger.warn("Archive query too large, answering no hits: {}", query.q());
			return new ArchivePage(0, List.of(), Map.of(), null);
		}
	}

	/**
	 * The parsed text; the parser does not throw, but if it ever does the query finds
	 * nothing.
	 */
	private Query parse(String q) {
		try {
			return this.parser.parse(q);
		}
		catch (RuntimeException ex) {
			logger.warn("Unparsable archive query, answering no hits: {}", q, ex);
			return new MatchNoDocsQuery("unparsable query");
		}
	}

	private ArchivePage page(ArchiveQuery query, ArchiveSort order, FieldDoc after, Query text, Query filtered,
			int skip, int wanted, boolean withSnippets) {
		return withSearcher((searcher) -> {
			TopFieldDocs top = searcher.search(filtered,
					new TopFieldCollectorManager(sort(order), wanted, after, Integer.MAX_VALUE));
			int end = Math.min(skip + query.size(), top.scoreDocs.length);
			ScoreDoc[] hits = Arrays.copyOfRange(top.scoreDocs, Math.min(skip, end), end);
			boolean more = top.scoreDocs.length > end;
			String[] snippetsFor = (withSnippets) ? this.snippets.of(searcher, text, hits) : new String[hits.length];
			List<ArchiveHit> items = new ArrayList<>(hits.length);
			for (int i = 0; i < hits.length; i++) {
				ArchiveDocument document = this.fields.fromLucene(searcher.storedFields().document(hits[i].doc));
				float score = (order == ArchiveSort.RELEVANCE) ? (Float) ((FieldDoc) hits[i]).fields[0] : Float.NaN;
				String snippet = (snippetsFor[i] != null) ? snippetsFor[i] : Snippets.lead(document);
				items.add(new ArchiveHit(document, withSnippets ? snippet : "", score));
			}
			String next = more ? Cursor.encode(order, (FieldDoc) hits[hits.length - 1]) : null;
			Map<String, Map<String, Long>> facets = query.facets() ? facets(searcher, filtered) : Map.of();
			return new ArchivePage(top.totalHits.value(), items, facets, next);
		});
	}

	private Query filter(Query text, ArchiveQuery query) {
		BooleanQuery.Builder all = new BooleanQuery.Builder();
		all.add((text != null) ? text : new MatchAllDocsQuery(), Occur.MUST);
		query.filters().forEach((key, values) -> {
			List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
			all.add(KeywordField.newSetQuery(key, terms), Occur.FILTER);
		});
		if (query.onTime() != null) {
			all.add(KeywordField.newExactQuery(ArchiveFields.ON_TIME, query.onTime().toString()), Occur.FILTER);
		}
		if (query.from() != null || query.to() != null) {
			long from = (query.from() == null) ? Long.MIN_VALUE
					: query.from().atStartOfDay(this.fields.zone()).toInstant().toEpochMilli();
			long to = (query.to() == null) ? Long.MAX_VALUE
					: query.to().plusDays(1).atStartOfDay(this.fields.zone()).toInstant().toEpochMilli() - 1;
			all.add(LongField.newRangeQuery(ArchiveFields.RECEIVED_AT, from, to), Occur.FILTER);
		}
		return all.build();
	}

	private static Sort sort(ArchiveSort order) {
		SortField trackingNumber = KeywordField.newSortField(ArchiveFields.TRACKING_NUMBER, false,
				SortedSetSelector.Type.MIN);
		SortField newest = LongField.newSortField(ArchiveFields.RECEIVED_AT, true, SortedNumericSelector.Type.MIN);
		SortField oldest = LongField.newSortField(ArchiveFields.RECEIVED_AT, false, SortedNumericSelector.Type.MIN);
		return switch (order) {
			case RELEVANCE -> new Sort(SortField.FIELD_SCORE, newest, trackingNumber);
			case NEWEST -> new Sort(newest, trackingNumber);
			case OLDEST -> new Sort(oldest, trackingNumber);
		};
	}

	private Map<String, Map<String, Long>> facets(IndexSearcher searcher, Query query) throws IOException {
		Map<String, Map<String, Long>> result = new LinkedHashMap<>();
		ArchivePage.FACETS.forEach((dim) -> result.put(dim, new LinkedHashMap<>()));
		SortedSetDocValuesReaderState state = facetState(searcher.getIndexReader());
		if (state == null) {
			return result;
		}
		FacetsCollector collected = searcher.search(query, new FacetsCollectorManager());
		Facets counts = new SortedSetDocValuesFacetCounts(state, collected);
		for (String dim : ArchivePage.FACETS) {
			FacetResult top;
			try {
				top = counts.getTopChildren(MAX_FACET_VALUES, dim);
			}
			catch (IllegalArgumentException ex) {
				// a dimension no record has a value for yet
				continue;
			}
			if (top != null) {
				for (LabelAndValue child : top.labelValues) {
					result.get(dim).put(child.label, child.value.longValue());
				}
			}
		}
		return result;
	}

	/**
	 * The facet ordinals of one reader, built once per reader (NRT reopens make a new
	 * one).
	 */
	private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
		FacetState cached = this.facetState;
		if (cached != null && cached.reader() == reader) {
			return cached.state();
		}
		SortedSetDocValuesReaderState state;
		try {
			state = new DefaultSortedSetDocValuesReaderState(reader, this.fields.facets());
		}
		catch (IllegalArgumentException ex) {
			// no document has facets yet
			state = null;
		}
		this.facetState = new FacetState(reader, state);
		return state;
	}

	private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {
	}

	private <T> T withSearcher(SearcherFunction<T> work) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				return work.apply(searcher);
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	private interface SearcherFunction<T> {

		T apply(IndexSearcher searcher) throws IOException;

	}

	private void recordSequence(long sequence) {
		this.appliedSequence = sequence;
		this.writer
			.setLiveCommitData(Map.of(APPLIED_SEQUENCE, Long.toString(sequence), EPOCH_KEY, this.epoch).entrySet());
	}

	/**
	 * Skipped during a rebuild: each reopen flushes a tiny segment, which slows a bulk
	 * load.
	 */
	private void refreshQuietly() {
		if (this.rebuilding) {
			return;
		}
		try {
			this.searchers.maybeRefresh();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Archive index refresh failed", ex);
		}
	}

	/**
	 * Also skipped during a rebuild: a commit every second would flush and fsync small
	 * segments throughout a bulk load (measured: wall time many times the indexing CPU),
	 * and the rebuild commits once at its end, so a crash midway leaves the last complete
	 * archive on disk.
	 */
	private void commitQuietly() {
		if (this.rebuilding) {
			return;
		}
		try {
			if (this.writer.hasUncommittedChanges()) {
				commit();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Archive index commit failed", ex);
		}
	}

	/** Stops the background refresh, commits and closes. */
	@Override
	public void close() throws IOException {
		this.background.shutdown();
		try {
			this.background.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.searchers.close();
		synchronized (this.writeLock) {
			this.writer.commit();
			this.writer.close();
		}
		if (this.ownsDirectory) {
			this.directory.close();
		}
	}

}
