package cn.mailbox.portal.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionGateTests {

	private final VirtualTimeScheduler timer = VirtualTimeScheduler.create();

	private final SubmissionGate gate = new SubmissionGate(2, 1, Duration.ofMillis(200), this.timer);

	@Test
	void givesPermitsAtOnceUpToTheLimit() {
		List<SubmissionGate.Permit> permits = new ArrayList<>();
		this.gate.acquire().subscribe(permits::add);
		this.gate.acquire().subscribe(permits::add);
		assertThat(permits).hasSize(2);
		assertThat(this.gate.inUse()).isEqualTo(2);
		permits.forEach(SubmissionGate.Permit::release);
		assertThat(this.gate.inUse()).isZero();
	}

	@Test
	void handsAReleasedPermitToTheNextInTheQueue() {
		List<SubmissionGate.Permit> permits = new ArrayList<>();
		this.gate.acquire().subscribe(permits::add);
		this.gate.acquire().subscribe(permits::add);
		AtomicReference<SubmissionGate.Permit> waiter = new AtomicReference<>();
		this.gate.acquire().subscribe(waiter::set);
		assertThat(waiter.get()).isNull();
		assertThat(this.gate.queued()).isEqualTo(1);
		permits.get(0).release();
		assertThat(waiter.get()).isNotNull();
		assertThat(this.gate.inUse()).isEqualTo(2);
		assertThat(this.gate.queued()).isZero();
	}

	@Test
	void shedsAtOnceWhenTheQueueIsFull() {
		this.gate.acquire().subscribe();
		this.gate.acquire().subscribe();
		this.gate.acquire().subscribe((permit) -> {
		}, (error) -> {
		});
		StepVerifier.create(this.gate.acquire()).verifyError(Overloaded.class);
		assertThat(this.timer.now(java.util.concurrent.TimeUnit.MILLISECONDS)).isZero();
	}

	@Test
	void shedsAWaiterAfterTheShortWait() {
		this.gate.acquire().subscribe();
		this.gate.acquire().subscribe();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		this.gate.acquire().subscribe((permit) -> {
		}, failure::set);
		this.timer.advanceTimeBy(Duration.ofMillis(199));
		assertThat(failure.get()).isNull();
		this.timer.advanceTimeBy(Duration.ofMillis(1));
		assertThat(failure.get()).isInstanceOf(Overloaded.class);
		assertThat(this.gate.queued()).isZero();
		assertThat(this.gate.inUse()).isEqualTo(2);
	}

	@Test
	void losesNoPermitWhenAWaiterGivesUp() {
		List<SubmissionGate.Permit> permits = new ArrayList<>();
		this.gate.acquire().subscribe(permits::add);
		this.gate.acquire().subscribe(permits::add);
		Disposable waiter = this.gate.acquire().subscribe();
		waiter.dispose();
		assertThat(this.gate.queued()).isZero();
		permits.forEach(SubmissionGate.Permit::release);
		permits.forEach(SubmissionGate.Permit::release);
		assertThat(this.gate.inUse()).isZero();
	}

	@Test
	void neverLeaksAPermitUnderConcurrentUse() throws InterruptedException {
		SubmissionGate busy = new SubmissionGate(4, 8, Duration.ofMillis(50), Schedulers.parallel());
		AtomicInteger holding = new AtomicInteger();
		AtomicInteger mostHolding = new AtomicInteger();
		AtomicInteger served = new AtomicInteger();
		AtomicInteger shed = new AtomicInteger();
		List<Disposable> running = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			running.add(busy.acquire().flatMap((permit) -> {
				mostHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
				return reactor.core.publisher.Mono.delay(Duration.ofMillis(1)).doFinally((signal) -> {
					holding.decrementAndGet();
					served.incrementAndGet();
					permit.release();
				});
			}).onErrorResume(Overloaded.class, (ex) -> {
				shed.incrementAndGet();
				return reactor.core.publisher.Mono.empty();
			}).subscribeOn(Schedulers.parallel()).subscribe());
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while ((served.get() + shed.get() < 500 || busy.inUse() > 0) && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(served.get() + shed.get()).as("every caller answered").isEqualTo(500);
		assertThat(mostHolding.get()).as("never more holders than permits").isBetween(1, 4);
		assertThat(busy.inUse()).isZero();
		assertThat(busy.queued()).isZero();
	}

}
