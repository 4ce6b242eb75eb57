package cn.mailbox.portal.intake;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class UncommittedLettersTests {

	private final UncommittedLetters letters = new UncommittedLetters();

	@Test
	void waitsForTheTransactionOfARepeatedLetterToEnd() {
		UncommittedLetters.Opening first = new UncommittedLetters.Opening();
		this.letters.opened(first, 7);
		StepVerifier.create(this.letters.ended(List.of(7L), Set.of()))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(100))
			.then(() -> this.letters.ended(first))
			.verifyComplete();
		assertThat(this.letters.size()).isZero();
	}

	@Test
	void waitsForNothingWhenTheRepeatedLetterIsCommittedOrInTheSameBatch() {
		UncommittedLetters.Opening batch = new UncommittedLetters.Opening();
		this.letters.opened(batch, 8);
		StepVerifier.create(this.letters.ended(Arrays.asList(null, 3L, 8L), Set.of(8L)))
			.expectComplete()
			.verify(Duration.ofSeconds(1));
	}

	@Test
	void aRolledBackBatchReleasesThoseWaitingForIt() {
		UncommittedLetters.Opening batch = new UncommittedLetters.Opening();
		this.letters.opened(batch, 9);
		this.letters.opened(batch, 10);
		StepVerifier.create(this.letters.ended(List.of(10L), Set.of()))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(50))
			.then(() -> this.letters.rolledBack(List.of(9L, 10L)))
			.verifyComplete();
		assertThat(this.letters.isOpen(9L)).isFalse();
	}

	@Test
	void aLetterWrittenAgainUnderANewIdKeepsThoseWaitingOnItsBatchUntilItEnds() {
		UncommittedLetters.Opening write = new UncommittedLetters.Opening();
		this.letters.opened(write, 11);
		this.letters.opened(write, 12);
		assertThat(this.letters.isOpen(11L)).isTrue();
		assertThat(this.letters.isOpen(12L)).isTrue();
		this.letters.ended(write);
		assertThat(this.letters.size()).isZero();
		// Ending twice (a batch's end after its letters were rolled back) is harmless.
		this.letters.ended(write);
		assertThat(this.letters.isOpen(null)).isFalse();
	}

}
