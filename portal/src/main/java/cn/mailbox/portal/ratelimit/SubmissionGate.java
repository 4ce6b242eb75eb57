package cn.mailbox.portal.ratelimit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * A non-blocking counting semaphore with a bounded, short queue: at most {@code permits}
 * submissions work on the database at once, at most {@code queue} wait for a turn, none
 * longer than {@code maxWait}. Anything past that fails at once with {@link Overloaded},
 * so a storm is answered quickly instead of piling up until everything times out.
 * <p>
 * While nobody waits, taking and returning a permit is one compare-and-set on a counter:
 * every submission passes here on an event loop, and a lock taken by each of them showed
 * up in profiles as contention between the loops. The lock guards the queue only, and is
 * held only to move a few references, never across a wait.
 */
final class SubmissionGate {

	private static final int WAITING = 0;

	private static final int GRANTED = 1;

	private static final int GONE = 2;

	private final int permits;

	private final int queue;

	private final Duration maxWait;

	private final Scheduler timer;

	private final AtomicInteger inUse = new AtomicInteger();

	/** The queue's length, readable without the lock. */
	private final AtomicInteger waiters = new AtomicInteger();

	private final Deque<Waiter> waiting = new ArrayDeque<>();

	SubmissionGate(int permits, int queue, Duration maxWait, Scheduler timer) {
		this.permits = permits;
		this.queue = queue;
		this.maxWait = maxWait;
		this.timer = timer;
	}

	/**
	 * A permit, now or after a short wait; {@link Permit#release()} it when done
	 * (idempotent).
	 */
	Mono<Permit> acquire() {
		return Mono.create(this::enter);
	}

	/** Permits in use now. */
	int inUse() {
		return this.inUse.get();
	}

	/** Submissions waiting now. */
	int queued() {
		return this.waiters.get();
	}

	private void enter(MonoSink<Permit> sink) {
		// Nobody queued: take a permit without the lock, or queue behind the others.
		if (this.waiters.get() == 0 && tryTake()) {
			granted(sink);
			return;
		}
		Waiter waiter = new Waiter(sink);
		synchronized (this) {
			if (this.waiting.size() >= this.queue || this.maxWait.isZero()) {
				waiter = null;
			}
			else {
				this.waiting.addLast(waiter);
				this.waiters.incrementAndGet();
			}
		}
		if (waiter == null) {
			// Full queue: one last chance, in case every permit came back meanwhile.
			if (tryTake()) {
				granted(sink);
			}
			else {
				sink.error(new Overloaded());
			}
			return;
		}
		Waiter queued = waiter;
		Disposable timeout = this.timer.schedule(() -> queued.giveUp(true), this.maxWait.toMillis(),
				java.util.concurrent.TimeUnit.MILLISECONDS);
		sink.onCancel(() -> {
			timeout.dispose();
			queued.giveUp(false);
		});
		sink.onDispose(timeout);
		// A permit returned between the failed take and the queueing saw no waiter.
		dispatch();
	}

	private void granted(MonoSink<Permit> sink) {
		Permit permit = new Permit();
		sink.onCancel(permit::release);
		sink.success(permit);
	}

	private boolean tryTake() {
		for (int taken = this.inUse.get(); taken < this.permits; taken = this.inUse.get()) {
			if (this.inUse.compareAndSet(taken, taken + 1)) {
				return true;
			}
		}
		return false;
	}

	private void release() {
		this.inUse.decrementAndGet();
		if (this.waiters.get() > 0) {
			dispatch();
		}
	}

	/** Hands free permits to the waiters at the head of the queue, in order. */
	private void dispatch() {
		while (true) {
			Waiter next;
			synchronized (this) {
				if (this.waiting.isEmpty() || !tryTake()) {
					return;
				}
				next = this.waiting.pollFirst();
				this.waiters.decrementAndGet();
				next.permit = new Permit();
			}
			if (next.state.compareAndSet(WAITING, GRANTED)) {
				next.grant();
			}
			else {
				// It gave up meanwhile: the permit goes back.
				this.inUse.decrementAndGet();
			}
		}
	}

	/** One turn at the database. */
	final class Permit {

		private final AtomicBoolean released = new AtomicBoolean();

		void release() {
			if (this.released.compareAndSet(false, true)) {
				SubmissionGate.this.release();
			}
		}

	}

	private final class Waiter {

		private final MonoSink<Permit> sink;

		private final AtomicInteger state = new AtomicInteger(WAITING);

		private volatile Permit permit;

		Waiter(MonoSink<Permit> sink) {
			this.sink = sink;
		}

		void grant() {
			this.sink.success(this.permit);
		}

		/** Timed out (answer 503) or cancelled by the client (answer nothing). */
		void giveUp(boolean timedOut) {
			if (this.state.compareAndSet(WAITING, GONE)) {
				synchronized (SubmissionGate.this) {
					if (SubmissionGate.this.waiting.remove(this)) {
						SubmissionGate.this.waiters.decrementAndGet();
					}
				}
				if (timedOut) {
					this.sink.error(new Overloaded());
				}
				return;
			}
			Permit granted = this.permit;
			if (!timedOut && granted != null) {
				// Cancelled just as it was granted: the subscriber may never see the
				// permit.
				granted.release();
			}
		}

	}

}
