package cn.mailbox.portal.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import cn.mailbox.portal.ratelimit.Overloaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * Micro-batched group commit: writes that arrive together share one transaction, so
 * PostgreSQL flushes its log once for the lot instead of once per letter, and the hot row
 * of the day's tracking counter is locked once per batch instead of serialising every
 * submission behind the previous one's commit.
 * <p>
 * One batch is in flight at a time; letters arriving meanwhile queue and form the next
 * batch (up to {@code maxBatch}), so batches grow with the load and a lone letter waits
 * at most {@code maxWait}. Each write runs inside its own savepoint: a write that fails
 * is rolled back alone and its caller gets the error, the others commit. Every caller's
 * {@code Mono} completes only after the commit that holds its write (or fails with the
 * commit's error). A full queue is answered at once with {@link Overloaded} (503 with
 * {@code Retry-After}, as the submission gate answers).
 */
final class GroupCommit {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final TransactionalOperator transaction;

	private final DatabaseClient db;

	private final int maxBatch;

	private final int maxQueued;

	private final Duration maxWait;

	private final Scheduler timer;

	private final boolean grouped;

	private final Queue<Write<?>> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicBoolean busy = new AtomicBoolean();

	private final AtomicLong commits = new AtomicLong();

	private final AtomicLong written = new AtomicLong();

	GroupCommit(TransactionalOperator transaction, DatabaseClient db, int maxBatch, int maxQueued, Duration maxWait,
			Scheduler timer) {
		this.transaction = transaction;
		this.db = db;
		this.maxBatch = maxBatch;
		this.maxQueued = maxQueued;
		this.maxWait = maxWait;
		this.timer = timer;
		this.grouped = true;
	}

	private GroupCommit(TransactionalOperator transaction, DatabaseClient db) {
		this.transaction = transaction;
		this.db = db;
		this.maxBatch = 1;
		this.maxQueued = Integer.MAX_VALUE;
		this.maxWait = Duration.ZERO;
		this.timer = null;
		this.grouped = false;
	}

	/**
	 * Without grouping: every write in a transaction of its own, as many at once as the
	 * connection pool allows ({@code portal.intake.group-commit.enabled=false}).
	 */
	static GroupCommit transactionPerWrite(TransactionalOperator transaction, DatabaseClient db) {
		return new GroupCommit(transaction, db);
	}

	/**
	 * Runs {@code work} in the next shared transaction and answers its value once that
	 * transaction has committed. The work must do only database work through the
	 * transaction-aware {@link DatabaseClient} (it runs on the batcher's turn, one write
	 * after another).
	 */
	<T> Mono<T> write(Supplier<Mono<T>> work) {
		if (!this.grouped) {
			return Mono.defer(work).as(this.transaction::transactional).doOnSuccess((value) -> {
				this.commits.incrementAndGet();
				this.written.incrementAndGet();
			});
		}
		return Mono.create((sink) -> {
			if (this.queued.incrementAndGet() > this.maxQueued) {
				this.queued.decrementAndGet();
				sink.error(new Overloaded());
				return;
			}
			this.queue.offer(new Write<>(work, sink));
			drain();
		});
	}

	/** Transactions committed so far. */
	long commits() {
		return this.commits.get();
	}

	/** Writes waiting for a transaction. */
	int queued() {
		return this.queued.get();
	}

	/** Writes committed so far. */
	long written() {
		return this.written.get();
	}

	private void drain() {
		if (this.queue.isEmpty() || !this.busy.compareAndSet(false, true)) {
			return;
		}
		if (this.maxWait.isZero() || this.queued.get() >= this.maxBatch) {
			runBatch();
		}
		else {
			this.timer.schedule(this::runBatch, this.maxWait.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private void runBatch() {
		List<Write<?>> batch = new ArrayList<>(this.maxBatch);
		Write<?> next;
		while (batch.size() < this.maxBatch && (next = this.queue.poll()) != null) {
			batch.add(next);
		}
		this.queued.addAndGet(-batch.size());
		if (batch.isEmpty()) {
			finished();
			return;
		}
		// A batch of one needs no savepoint: its failure is the whole transaction's.
		boolean alone = batch.size() == 1;
		Flux.fromIterable(batch)
			.concatMap((write) -> alone ? write.run() : write.runInSavepoint(this.db))
			.then()
			.as(this.transaction::transactional)
			.subscribe(null, (ex) -> committed(batch, ex), () -> committed(batch, null));
	}

	private void committed(List<Write<?>> batch, Throwable failure) {
		if (failure == null) {
			this.commits.incrementAndGet();
			this.written.addAndGet(batch.stream().filter(Write::succeeded).count());
		}
		else if (batch.size() > 1) {
			// Alone, the failure is the write's own (an idempotency race, say): its
			// caller hears of it. Here the commit itself failed.
			log.warn("A group commit of {} submissions failed: {}", batch.size(), failure.toString());
		}
		// The next batch starts before the callers' answers are written.
		finished();
		for (Write<?> write : batch) {
			write.answer(failure);
		}
	}

	private void finished() {
		this.busy.set(false);
		drain();
	}

	/** One caller's work and where its answer goes. */
	private static final class Write<T> {

		private final Supplier<Mono<T>> work;

		private final MonoSink<T> sink;

		private T value;

		private Throwable error;

		Write(Supplier<Mono<T>> work, MonoSink<T> sink) {
			this.work = work;
			this.sink = sink;
		}

		Mono<Void> run() {
			return Mono.defer(this.work)
				.doOnNext((result) -> this.value = result)
				.doOnError((ex) -> this.error = ex)
				.then();
		}

		Mono<Void> runInSavepoint(DatabaseClient db) {
			return db.sql("savepoint submission")
				.then()
				.then(run())
				.then(db.sql("release savepoint submission").then())
				.onErrorResume((ex) -> db.sql("rollback to savepoint submission").then());
		}

		boolean succeeded() {
			return this.error == null;
		}

		void answer(Throwable commitFailure) {
			Throwable failure = (this.error != null) ? this.error : commitFailure;
			if (failure != null) {
				this.sink.error(failure);
			}
			else if (this.value != null) {
				this.sink.success(this.value);
			}
			else {
				this.sink.success();
			}
		}

	}

}
