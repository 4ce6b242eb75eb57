package cn.mailbox.portal.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import cn.mailbox.portal.ratelimit.Overloaded;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Micro-batched group commit: writes that arrive together share one transaction, so
 * PostgreSQL flushes its log once for the lot instead of once per letter, the batch's
 * rows go in with one statement per table instead of a handful of round trips per letter,
 * and the hot row of the day's tracking counter is locked once per batch instead of
 * serialising every submission behind the previous one's commit. A batch the writer
 * writes with a single statement ({@link Writer#oneStatement}) runs without {@code begin}
 * and {@code commit}: PostgreSQL commits a lone statement on its own, as atomically, and
 * the two round trips saved were most of a batch's waiting on a busy machine (each one
 * waits for the connection's thread to get a core).
 * <p>
 * Up to {@code maxInFlight} batches are written at a time, each in its own transaction on
 * its own connection; writes arriving meanwhile queue and form the next batch (up to
 * {@code maxBatch}), so batches grow with the load and a lone write waits at most
 * {@code maxWait}. More than one in flight lets one batch's statements run while another
 * waits for its round trips and its log flush (intake's default is two: on two cores the
 * CPU sits idle while one batch waits for its flush). What must not be held by a batch
 * until it commits (reserving tracking numbers) goes in {@link Writer#beforeTransaction},
 * which commits on its own. A batch is written with {@link Writer#writeAll}; if that
 * fails, the transaction is rolled back and the batch written again one by one, each
 * write in its own savepoint, so a bad write fails alone and the others commit. Every
 * caller's {@code Mono} completes only after the commit that holds its write (or fails
 * with the commit's error). A full queue is answered at once with {@link Overloaded} (503
 * with {@code Retry-After}, as the submission gate answers).
 * <p>
 * Two timers say where a slow answer waited: {@value #BATCH_TIMER}, each batch from
 * taking its writes to its commit (reservation, statement, log flush), and
 * {@value #WAIT_TIMER}, each write from queueing to that commit. They found the load
 * benchmark's tail: batches of 100-500 ms, all in the commit's log flush on the test
 * machine's disk (gone with {@code synchronous_commit=off}, which intake must not use).
 *
 * @param <I> what a caller asks to write
 * @param <O> what it is answered once committed
 */
final class GroupCommit<I, O> {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	static final String BATCH_TIMER = "mailbox.intake.batch";

	static final String WAIT_TIMER = "mailbox.intake.wait";

	private final Timer batchTimes;

	private final Timer waitTimes;

	private final Writer<I, O> writer;

	private final TransactionalOperator transaction;

	private final DatabaseClient db;

	private final boolean grouped;

	private final int maxBatch;

	private final int maxQueued;

	private final Duration maxWait;

	private final int maxInFlight;

	private final Scheduler timer;

	private final Queue<Write<I, O>> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicInteger inFlight = new AtomicInteger();

	/** Batches being written now. */
	private final AtomicInteger batches = new AtomicInteger();

	private final AtomicLong commits = new AtomicLong();

	private final AtomicLong written = new AtomicLong();

	private final AtomicLong retried = new AtomicLong();

	/**
	 * @param grouped false writes every item in a transaction of its own, as many at once
	 * as the connection pool allows ({@code portal.intake.group-commit.enabled=false})
	 */
	GroupCommit(Writer<I, O> writer, TransactionalOperator transaction, DatabaseClient db, boolean grouped,
			int maxBatch, int maxQueued, Duration maxWait, int maxInFlight, Scheduler timer, MeterRegistry meters) {
		this.batchTimes = Timer.builder(BATCH_TIMER)
			.description("A batch of submissions from taking its writes to its commit")
			.register(meters);
		this.waitTimes = Timer.builder(WAIT_TIMER)
			.description("A submission from joining the queue to the commit that holds it")
			.register(meters);
		this.writer = writer;
		this.transaction = transaction;
		this.db = db;
		this.grouped = grouped;
		this.maxBatch = maxBatch;
		this.maxQueued = maxQueued;
		this.maxWait = maxWait;
		this.maxInFlight = maxInFlight;
		this.timer = timer;
	}

	/**
	 * Writes {@code item} in the next shared transaction and answers once that
	 * transaction has committed.
	 */
	Mono<O> write(I item) {
		if (!this.grouped) {
			List<O> value = new ArrayList<>(1);
			return Mono.defer(() -> this.writer.writeOne(item))
				.doOnNext(value::add)
				.as(this.transaction::transactional)
				.doOnSuccess((stored) -> {
					this.commits.incrementAndGet();
					this.written.incrementAndGet();
				})
				.doFinally((signal) -> this.writer.ended(List.of(item), value.isEmpty() ? nothing(1) : value));
		}
		EventExecutor caller = ThreadExecutorMap.currentExecutor();
		Mono<O> committed = Mono.create((sink) -> {
			if (this.queued.incrementAndGet() > this.maxQueued) {
				this.queued.decrementAndGet();
				sink.error(new Overloaded());
				return;
			}
			this.queue.offer(new Write<>(item, sink));
			drain();
		});
		// Commits complete on the database connection's thread; each caller's answer
		// (JSON, the HTTP response) is written on the caller's own event loop, so that
		// thread goes on with the next batch instead of serialising a whole batch's
		// responses first, and Netty allocates the answer's buffers on the thread that
		// owns them (from any other thread its allocator takes a lock).
		return (caller != null) ? committed.publishOn(Schedulers.fromExecutor(caller)) : committed;
	}

	private static <O> List<O> nothing(int size) {
		return Collections.nCopies(size, null);
	}

	/** Transactions committed so far. */
	long commits() {
		return this.commits.get();
	}

	/** Items committed so far. */
	long written() {
		return this.written.get();
	}

	/** Batches that had to be written again one by one. */
	long retried() {
		return this.retried.get();
	}

	/** Items accepted and not answered yet (queued or in the batch being written). */
	int pending() {
		return this.queued.get() + this.inFlight.get();
	}

	private void drain() {
		if (this.queue.isEmpty() || !claimBatch()) {
			return;
		}
		if (this.maxWait.isZero() || this.queued.get() >= this.maxBatch) {
			runBatch();
		}
		else {
			this.timer.schedule(this::runBatch, this.maxWait.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private boolean claimBatch() {
		for (int running = this.batches.get(); running < this.maxInFlight; running = this.batches.get()) {
			if (this.batches.compareAndSet(running, running + 1)) {
				return true;
			}
		}
		return false;
	}

	private void runBatch() {
		List<Write<I, O>> batch = new ArrayList<>(this.maxBatch);
		Write<I, O> next;
		while (batch.size() < this.maxBatch && (next = this.queue.poll()) != null) {
			batch.add(next);
		}
		long started = System.nanoTime();
		this.inFlight.addAndGet(batch.size());
		this.queued.addAndGet(-batch.size());
		if (batch.isEmpty()) {
			finished();
			return;
		}
		// Another batch may start as soon as this one has its items.
		drain();
		this.writer.beforeTransaction(batch.stream().map((write) -> write.item).toList()).subscribe((items) -> {
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).item = items.get(i);
			}
			write(batch, started);
		}, (ex) -> committed(batch, started, ex));
	}

	private void write(List<Write<I, O>> batch, long started) {
		if (batch.size() == 1) {
			// Alone, its failure is the transaction's and goes to its caller.
			Write<I, O> write = batch.get(0);
			Mono.defer(() -> this.writer.writeOne(write.item))
				.doOnNext((value) -> write.value = value)
				.doOnError((ex) -> write.error = ex)
				.then()
				.as(this.transaction::transactional)
				.subscribe(null, (ex) -> committed(batch, started, ex), () -> committed(batch, started, null));
			return;
		}
		List<I> items = batch.stream().map((write) -> write.item).toList();
		Mono<Void> written = Mono.defer(() -> this.writer.writeAll(items)).doOnNext((values) -> {
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).value = values.get(i);
			}
		}).then();
		if (!this.writer.oneStatement(items)) {
			written = written.as(this.transaction::transactional);
		}
		written.subscribe(null, (ex) -> {
			log.debug("A batch of {} submissions failed together ({}); writing them one by one", batch.size(),
					ex.toString());
			this.retried.incrementAndGet();
			oneByOne(batch, started);
		}, () -> committed(batch, started, null));
	}

	private void oneByOne(List<Write<I, O>> batch, long started) {
		for (Write<I, O> write : batch) {
			write.value = null;
		}
		Flux.fromIterable(batch)
			.concatMap((write) -> this.db.sql("savepoint submission")
				.then()
				.then(Mono.defer(() -> this.writer.writeAgain(write.item)))
				.doOnNext((value) -> write.value = value)
				.flatMap((value) -> this.db.sql("release savepoint submission").then())
				.onErrorResume((ex) -> {
					write.error = ex;
					return this.db.sql("rollback to savepoint submission").then();
				}))
			.then()
			.as(this.transaction::transactional)
			.subscribe(null, (ex) -> committed(batch, started, ex), () -> committed(batch, started, null));
	}

	/**
	 * @param started when the batch took its writes ({@link System#nanoTime}), for its
	 * timer
	 */
	private void committed(List<Write<I, O>> batch, long started, Throwable failure) {
		if (failure == null) {
			long now = System.nanoTime();
			this.batchTimes.record(now - started, TimeUnit.NANOSECONDS);
			for (Write<I, O> write : batch) {
				this.waitTimes.record(now - write.queued, TimeUnit.NANOSECONDS);
			}
			this.commits.incrementAndGet();
			this.written.addAndGet(batch.stream().filter((write) -> write.error == null).count());
		}
		else if (batch.size() > 1) {
			log.warn("A group commit of {} submissions failed: {}", batch.size(), failure.toString());
		}
		List<I> items = new ArrayList<>(batch.size());
		List<O> values = new ArrayList<>(batch.size());
		for (Write<I, O> write : batch) {
			items.add(write.item);
			values.add(write.value);
		}
		this.writer.ended(items, values);
		// The next batch starts before the callers' answers are written.
		this.inFlight.addAndGet(-batch.size());
		finished();
		for (Write<I, O> write : batch) {
			write.answer(failure);
		}
	}

	private void finished() {
		this.batches.decrementAndGet();
		drain();
	}

	/**
	 * Writes items inside the transaction the group commit gives it, through the
	 * transaction-aware {@link DatabaseClient}.
	 */
	interface Writer<I, O> {

		/**
		 * Runs before the batch's transaction, outside it, for what must commit on its
		 * own; answers the items to write, in the same order.
		 */
		default Mono<List<I>> beforeTransaction(List<I> items) {
			return Mono.just(items);
		}

		/**
		 * Writes the whole batch, ideally with one statement per table; answers in the
		 * items' order. Any failure fails the batch, which is then written one by one.
		 */
		Mono<List<O>> writeAll(List<I> items);

		/**
		 * Whether {@link #writeAll} writes these items with a single statement, which
		 * PostgreSQL then commits on its own (and answers only once committed): the batch
		 * gets no transaction around it. The failure of that statement leaves nothing
		 * behind, as a rolled-back transaction would.
		 */
		default boolean oneStatement(List<I> items) {
			return false;
		}

		/** Writes one item, alone in its transaction. */
		Mono<O> writeOne(I item);

		/**
		 * Writes one item of a failed batch again, in a transaction with the batch's
		 * other items, each in its own savepoint.
		 */
		default Mono<O> writeAgain(I item) {
			return writeOne(item);
		}

		/**
		 * The transaction that wrote these items has ended: committed, rolled back or
		 * failed. {@code values} are in the items' order, null where an item has none (a
		 * failed write).
		 */
		default void ended(List<I> items, List<O> values) {
		}

	}

	/** One caller's item and where its answer goes. */
	private static final class Write<I, O> {

		private I item;

		private final MonoSink<O> sink;

		private O value;

		private Throwable error;

		private final long queued = System.nanoTime();

		Write(I item, MonoSink<O> sink) {
			this.item = item;
			this.sink = sink;
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
