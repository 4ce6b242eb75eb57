package cn.mailbox.portal.intake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Letters already in the duplicate index whose transaction has not ended. A letter enters
 * the index when its batch is written, before that batch commits; with two batches in
 * flight (or group commit off) the next letter can be found to repeat one that another
 * transaction has inserted and not yet committed. Its {@code duplicate_of} would then
 * fail the foreign key, since the row is not visible to it yet, and a batch of letters
 * that did nothing wrong was written again one by one and failed again (500). Such a
 * letter now waits for that transaction to end first.
 * <p>
 * Waits must not form a cycle. A transaction may wait only if all its letters were
 * screened at once, before it waits (a batch, screened under one lock, or a single
 * letter); a letter only ever repeats one screened before it, so such a transaction waits
 * only for transactions whose letters were all screened earlier. A failed batch written
 * again one by one screens its letters one at a time and so never waits: a letter of it
 * that repeats a letter of an open transaction is stored without the link (the moderator
 * loses a hint, nothing else).
 */
final class UncommittedLetters {

	private final Map<Long, Sinks.Empty<Void>> open = new ConcurrentHashMap<>();

	/**
	 * The letter is about to enter the duplicate index inside an open transaction,
	 * written for {@code write}. A batch written again one by one opens its letters
	 * again, under new ids.
	 */
	void opened(Opening write, long letterId) {
		write.add(letterId);
		this.open.computeIfAbsent(letterId, (id) -> Sinks.empty());
	}

	/**
	 * These letters were rolled back (their batch failed together): never wait for them.
	 */
	void rolledBack(Collection<Long> letterIds) {
		for (Long letterId : letterIds) {
			Sinks.Empty<Void> ended = this.open.remove(letterId);
			if (ended != null) {
				ended.tryEmitEmpty();
			}
		}
	}

	/** Whether the letter belongs to a transaction still open. */
	boolean isOpen(Long letterId) {
		return letterId != null && this.open.containsKey(letterId);
	}

	/** The transaction that wrote {@code write} committed, rolled back or failed. */
	void ended(Opening write) {
		for (long letterId : write.drain()) {
			Sinks.Empty<Void> ended = this.open.remove(letterId);
			if (ended != null) {
				ended.tryEmitEmpty();
			}
		}
	}

	/**
	 * Completes once none of {@code letterIds} belongs to a transaction still open, other
	 * than the caller's own ({@code own}: the letters of the same batch, which one
	 * statement inserts together).
	 */
	Mono<Void> ended(Collection<Long> letterIds, Set<Long> own) {
		List<Mono<Void>> waits = null;
		for (Long id : letterIds) {
			Sinks.Empty<Void> ended = (id != null && !own.contains(id)) ? this.open.get(id) : null;
			if (ended != null) {
				if (waits == null) {
					waits = new ArrayList<>(2);
				}
				waits.add(ended.asMono());
			}
		}
		return (waits != null) ? Mono.when(waits) : Mono.empty();
	}

	/** Letters whose transaction is still open, for tests. */
	int size() {
		return this.open.size();
	}

	/**
	 * The ids one submission's write has opened, to end them all whichever way the write
	 * went: the letter's id is known only once its batch reserved it (or, written on its
	 * own, once inserted), and not at all to a write that failed.
	 */
	static final class Opening {

		private final List<Long> ids = new ArrayList<>(1);

		synchronized void add(long letterId) {
			this.ids.add(letterId);
		}

		synchronized List<Long> drain() {
			List<Long> drained = List.copyOf(this.ids);
			this.ids.clear();
			return drained;
		}

	}

}
