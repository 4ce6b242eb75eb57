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
 * so a storm is answered quickly instead of piling up until everything times out. Locks
 * are held only to move a few references, never across a wait.
 */
final class SubmissionGate {

	private static final int WAITING = 0;

	private static final int GRANTED = 1;

	private static final int GONE = 2;

	private final int permits;

	private final int queue;

	private final Duration maxWait;

	private final Scheduler timer;

	private final Deque<Waiter> waiting = new ArrayDeque<>();

	private int inUse;

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
	synchronized int inUse() {
		return this.inUse;
	}

	/** Submissions waiting now. */
	synchronized int queued() {
		return this.waiting.size();
	}

	private void enter(MonoSink<Permit> sink) {
		Waiter waiter;
		synchronized (this) {
			if (this.inUse < this.permits) {
				this.inUse++;
				waiter = null;
			}
			else if (this.waiting.size() < this.queue && !this.maxWait.isZero()) {
				waiter = new Waiter(sink);
				this.waiting.addLast(waiter);
			}
			else {
				sink.error(new Overloaded());
				return;
			}
		}
		if (waiter == null) {
			Permit permit = new Permit();
			sink.onCancel(permit::release);
			sink.success(permit);
			return;
		}
		Disposable timeout = this.timer.schedule(() -> waiter.giveUp(true), this.maxWait.toMillis(),
				java.util.concurrent.TimeUnit.MILLISECONDS);
		sink.onCancel(() -> {
			timeout.dispose();
			waiter.giveUp(false);
		});
		sink.onDispose(timeout);
	}

	private void release() {
		Waiter next;
		synchronized (this) {
			while (true) {
				next = this.waiting.pollFirst();
				if (next == null) {
					this.inUse--;
					return;
				}
				next.permit = new Permit();
				if (next.state.compareAndSet(WAITING, GRANTED)) {
					// The permit passes from the releaser to the waiter: inUse stays.
					break;
				}
			}
		}
		next.grant();
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
					SubmissionGate.this.waiting.remove(this);
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
