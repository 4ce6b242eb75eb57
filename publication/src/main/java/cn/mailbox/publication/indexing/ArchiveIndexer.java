package cn.mailbox.publication.indexing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.r2dbc.core.DatabaseClient;

import cn.mailbox.publication.PublicArchive;
import cn.mailbox.publication.PublicRecord;
import cn.mailbox.search.ArchiveChange;
import cn.mailbox.search.ReactiveArchive;

/**
 * Keeps the search index in step with the publication log.
 * <p>
 * It reads the log entries after {@link ReactiveArchive#appliedSequence()} in order,
 * turns each into an {@link ArchiveChange} from the current public row (a record
 * withdrawn since is deleted) and applies it. The index stores the applied sequence with
 * its commits and ignores entries it has seen, so after a crash it resumes where its last
 * commit left off and replays harmlessly. It wakes on the log's {@code NOTIFY} and polls
 * as a fallback; all index work runs on the archive's own scheduler, and one piece of
 * work (a catch-up or a rebuild) runs at a time.
 *
 * <pre>{@code
 * indexer.start();
 * publisher.publish(record)                         // Mono<Long>: the log sequence
 *     .flatMap(indexer::awaitIndexed);              // completes once it is searchable
 * }</pre>
 */
public final class ArchiveIndexer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ArchiveIndexer.class);

	/** Log entries read per query. */
	static final int BATCH = 500;

	static final String CHANNEL = "publication_log";

	private final ReactiveArchive archive;

	private final DatabaseClient db;

	private final PublicArchive publicArchive;

	private final ConnectionFactory listenerConnections;

	private final Duration pollInterval;

	private final Sinks.Many<Mono<Void>> work = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<Long> indexed = Sinks.many().replay().latest();

	private final AtomicBoolean catchUpPending = new AtomicBoolean();

	private final AtomicBoolean started = new AtomicBoolean();

	private final Disposable.Composite running = Disposables.composite();

	/**
	 * An indexer; nothing happens until {@link #start()}.
	 * @param archive the index to feed
	 * @param db the database holding the publication log
	 * @param publicArchive reads the public rows
	 * @param listenerConnections where to LISTEN for the log's notifications (a
	 * PostgreSQL factory, possibly pooled), or {@code null} to rely on polling
	 * @param pollInterval how often to look at the log without a notification
	 */
	public ArchiveIndexer(ReactiveArchive archive, DatabaseClient db, PublicArchive publicArchive,
			ConnectionFactory listenerConnections, Duration pollInterval) {
		this.archive = Objects.requireNonNull(archive, "archive");
		this.db = Objects.requireNonNull(db, "db");
		this.publicArchive = Objects.requireNonNull(publicArchive, "publicArchive");
		this.listenerConnections = listenerConnections;
		this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
	}

	/**
	 * Starts consuming the log: at once, on every notification and every poll interval.
	 * Calling it again does nothing.
	 */
	public void start() {
		if (!this.started.compareAndSet(false, true)) {
			return;
		}
		this.running.add(this.work.asFlux().concatMap(ArchiveIndexer::logFailure).subscribe());
		submit(rebuildWhenAhead());
		this.running.add(Flux.interval(this.pollInterval, this.pollInterval).subscribe((tick) -> wake()));
		PostgresqlConnectionFactory postgres = postgres(this.listenerConnections);
		if (postgres != null) {
			this.running.add(notifications(postgres).subscribe((notification) -> wake()));
		}
		wake();
	}

	/**
	 * Completes once every log entry up to the given sequence is applied and visible to
	 * searches. Needs a started indexer; callers should add a timeout.
	 * @param sequence a sequence returned by the publisher
	 * @return completes when the index has caught up
	 */
	public Mono<Void> awaitIndexed(long sequence) {
		return this.indexed.asFlux()
			.filter((applied) -> applied >= sequence)
			.next()
			.doOnSubscribe((s) -> wake())
			.then();
	}

	/**
	 * Recreates the index from the public archive table as of the current end of the log,
	 * between two catch-ups. Searches see the old index until it is done.
	 * @return how many records the index holds afterwards
	 */
	public Mono<Long> rebuild() {
		return Mono.create((sink) -> submit(rebuildNow().doOnSuccess(sink::success).doOnError(sink::error).then()));
	}

	/** Stops consuming; the index itself stays open (its owner closes it). */
	@Override
	public void close() {
		this.running.dispose();
		this.work.tryEmitComplete();
	}

	/** Asks for a catch-up, unless one is already waiting to run. */
	void wake() {
		if (this.catchUpPending.compareAndSet(false, true)) {
			submit(Mono.defer(() -> {
				this.catchUpPending.set(false);
				return catchUp();
			}));
		}
	}

	private void submit(Mono<Void> task) {
		this.work.emitNext(task, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	private Mono<Void> catchUp() {
		return this.archive.appliedSequence()
			.flatMap((from) -> applyAfter(from).flatMap((to) -> refreshIfChanged(from, to)))
			.doOnNext(this::announce)
			.then();
	}

	private Mono<Long> applyAfter(long from) {
		return entriesAfter(from).collectList().flatMap((entries) -> applyAll(from, entries));
	}

	private Mono<Long> applyAll(long from, List<LogEntry> entries) {
		if (entries.isEmpty()) {
			return Mono.just(from);
		}
		long last = entries.getLast().sequence();
		Mono<Void> applied = changes(entries).flatMapMany(Flux::fromIterable).concatMap(this.archive::apply).then();
		return applied.then((entries.size() < BATCH) ? Mono.just(last) : Mono.defer(() -> applyAfter(last)));
	}

	private Flux<LogEntry> entriesAfter(long sequence) {
		return this.db.sql("select id, tracking_number, kind from publication_log where id > :s order by id limit :n")
			.bind("s", sequence)
			.bind("n", BATCH)
			.map((row) -> new LogEntry(row.get("id", Long.class), row.get("tracking_number", String.class),
					"withdraw".equals(row.get("kind", String.class))))
			.all();
	}

	/**
	 * The changes a batch of entries stands for now, reading the current rows at once.
	 */
	private Mono<List<ArchiveChange>> changes(List<LogEntry> entries) {
		List<String> published = entries.stream()
			.filter((entry) -> !entry.withdrawn())
			.map(LogEntry::trackingNumber)
			.distinct()
			.toList();
		return this.publicArchive.findAll(published)
			.collectMap(PublicRecord::trackingNumber)
			.map((current) -> entries.stream().map((entry) -> change(entry, current)).toList());
	}

	/** The current row as an upsert, or a delete when it is withdrawn or gone. */
	static ArchiveChange change(LogEntry entry, Map<String, PublicRecord> current) {
		PublicRecord record = entry.withdrawn() ? null : current.get(entry.trackingNumber());
		return (record != null) ? upsert(entry.sequence(), record)
				: new ArchiveChange.Delete(entry.sequence(), entry.trackingNumber());
	}

	static ArchiveChange upsert(long sequence, PublicRecord record) {
		return new ArchiveChange.Upsert(sequence, record.toDocument());
	}

	private Mono<Long> refreshIfChanged(long from, long to) {
		return (to > from) ? this.archive.refresh().thenReturn(to) : Mono.just(to);
	}

	private void announce(long sequence) {
		this.indexed.emitNext(sequence, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	/**
	 * An index that has applied more than the log holds belongs to another database (a
	 * data folder reused with a fresh one): rebuild it rather than trust it.
	 */
	private Mono<Void> rebuildWhenAhead() {
		return Mono.zip(this.archive.appliedSequence(), this.publicArchive.logPosition())
			.filter((positions) -> positions.getT1() > positions.getT2())
			.doOnNext((positions) -> log.warn(
					"The archive index is at log sequence {} but the log ends at {}: rebuilding", positions.getT1(),
					positions.getT2()))
			.flatMap((positions) -> rebuildNow())
			.then();
	}

	private Mono<Long> rebuildNow() {
		return this.publicArchive.logPosition()
			.flatMap(
					(position) -> this.archive.rebuild(this.publicArchive.all().map(PublicRecord::toDocument), position)
						.flatMap((count) -> this.archive.refresh().thenReturn(count))
						.doOnSuccess((count) -> announce(position)));
	}

	private Flux<String> notifications(PostgresqlConnectionFactory postgres) {
		return Flux
			.usingWhen(postgres.create(), ArchiveIndexer::listen, Connection::close,
					(connection, error) -> connection.close(), Connection::close)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
				.maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry((signal) -> log.warn("Lost the publication-log notifications, reconnecting: {}",
						signal.failure().toString())));
	}

	private static Flux<String> listen(PostgresqlConnection connection) {
		return connection.createStatement("LISTEN " + CHANNEL)
			.execute()
			.flatMap((result) -> Flux.from(result.getRowsUpdated()))
			.thenMany(connection.getNotifications())
			.map((notification) -> String.valueOf(notification.getParameter()));
	}

	private static PostgresqlConnectionFactory postgres(ConnectionFactory factory) {
		ConnectionFactory current = factory;
		for (int depth = 0; current != null && depth < 5; depth++) {
			if (current instanceof PostgresqlConnectionFactory postgres) {
				return postgres;
			}
			current = (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner)
					? inner : null;
		}
		if (factory != null) {
			log.info("No PostgreSQL connection factory to LISTEN on; the archive indexer polls only");
		}
		return null;
	}

	private static Mono<Void> logFailure(Mono<Void> task) {
		return task.onErrorResume((ex) -> {
			log.error("Archive indexing failed; retrying on the next wake-up", ex);
			return Mono.empty();
		});
	}

}
