package cn.mailbox.search;

import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The archive index for reactive callers: every Lucene call runs on a bounded scheduler,
 * never on the subscriber's (event-loop) thread.
 *
 * <pre>{@code
 * ReactiveArchive archive = ReactiveArchive.create(ArchiveIndex.open(dataDir.resolve("index")));
 * Mono<ArchivePage> page = archive.search(ArchiveQuery.text("\"景蓉华苑\" 物业", 20));
 * Flux<ArchiveDocument> all = archive.export(query);   // every match, paged internally
 * }</pre>
 */
public final class ReactiveArchive implements AutoCloseable {

	/** Hits fetched per internal page when exporting. */
	static final int EXPORT_PAGE = ArchiveQuery.MAX_SIZE;

	private final ArchiveIndex index;

	private final Scheduler scheduler;

	private final boolean ownsScheduler;

	private ReactiveArchive(ArchiveIndex index, Scheduler scheduler, boolean ownsScheduler) {
		this.index = Objects.requireNonNull(index, "index");
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		this.ownsScheduler = ownsScheduler;
	}

	/**
	 * Wraps the index with its own bounded scheduler (at most 2 × cores threads, 1,000
	 * queued tasks); {@link #close()} disposes the scheduler, not the index.
	 */
	public static ReactiveArchive create(ArchiveIndex index) {
		Scheduler scheduler = Schedulers.newBoundedElastic(2 * Runtime.getRuntime().availableProcessors(), 1000,
				"archive-search");
		return new ReactiveArchive(index, scheduler, true);
	}

	/** Wraps the index with a scheduler the caller owns (it must allow blocking). */
	public static ReactiveArchive create(ArchiveIndex index, Scheduler scheduler) {
		return new ReactiveArchive(index, scheduler, false);
	}

	/**
	 * See {@link ArchiveIndex#search(ArchiveQuery)}; errors with IllegalArgumentException
	 * for a bad cursor.
	 */
	public Mono<ArchivePage> search(ArchiveQuery query) {
		return Mono.fromCallable(() -> this.index.search(query)).subscribeOn(this.scheduler);
	}

	/** The published record with this tracking number, or empty. */
	public Mono<ArchiveDocument> find(String trackingNumber) {
		return Mono.fromCallable(() -> this.index.find(trackingNumber).orElse(null)).subscribeOn(this.scheduler);
	}

	/**
	 * Every record matching the query (page and cursor ignored), in its order, without
	 * snippets or facets; pages through the index with a cursor, one page per request
	 * batch.
	 */
	public Flux<ArchiveDocument> export(ArchiveQuery query) {
		ArchiveQuery first = new ArchiveQuery(query.q(), query.filters(), query.onTime(), query.from(), query.to(),
				query.sort(), 0, EXPORT_PAGE, null, false);
		return exportPage(first)
			.expand((page) -> (page.nextCursor() == null) ? Mono.empty() : exportPage(first.after(page.nextCursor())))
			.concatMapIterable(ArchivePage::items)
			.map(ArchiveHit::document);
	}

	private Mono<ArchivePage> exportPage(ArchiveQuery query) {
		return Mono.fromCallable(() -> this.index.search(query, false)).subscribeOn(this.scheduler);
	}

	/**
	 * Applies one publication-log entry; emits whether the index changed (false for a
	 * replay).
	 */
	public Mono<Boolean> apply(ArchiveChange change) {
		return Mono.fromCallable(() -> this.index.apply(change)).subscribeOn(this.scheduler);
	}

	/** Publishes or replaces a record; shorthand for {@link #apply} with an Upsert. */
	public Mono<Boolean> upsert(long sequence, ArchiveDocument document) {
		return apply(new ArchiveChange.Upsert(sequence, document));
	}

	/** Withdraws a record; shorthand for {@link #apply} with a Delete. */
	public Mono<Boolean> delete(long sequence, String trackingNumber) {
		return apply(new ArchiveChange.Delete(sequence, trackingNumber));
	}

	/** The highest applied publication-log sequence (resume point of the consumer). */
	public Mono<Long> appliedSequence() {
		return Mono.fromCallable(this.index::appliedSequence).subscribeOn(this.scheduler);
	}

	/**
	 * Makes every applied change searchable now (for imports that promise it on return).
	 */
	public Mono<Void> refresh() {
		return Mono.fromRunnable(this.index::refresh).subscribeOn(this.scheduler).then();
	}

	/**
	 * Replaces the index with the given records, the archive as of {@code asOfSequence};
	 * see {@link ArchiveIndex#rebuild}. Emits the number of records indexed.
	 */
	public Mono<Long> rebuild(Flux<ArchiveDocument> documents, long asOfSequence) {
		return Mono.fromCallable(() -> this.index.rebuild(documents.toIterable(256), asOfSequence))
			.subscribeOn(this.scheduler);
	}

	/** Disposes the scheduler if this facade created it; the index stays open. */
	@Override
	public void close() {
		if (this.ownsScheduler) {
			this.scheduler.dispose();
		}
	}

}
