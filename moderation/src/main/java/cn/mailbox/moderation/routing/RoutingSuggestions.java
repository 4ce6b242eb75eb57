package cn.mailbox.moderation.routing;

import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Suggested routing for moderators, reactive: every Lucene call of the
 * {@link RoutingIndex} runs on a bounded scheduler of its own, never on the event loop.
 * Staff only: the index holds private letters.
 *
 * <pre>
 * routing.suggest(view.trackingNumber(), view.title(), view.body()) // top 3, best first
 * routing.learn(view.trackingNumber(), view.title(), view.body(), view.units()) // after an assignment
 * </pre>
 */
public final class RoutingSuggestions {

	/** How many units the staff view lists. */
	public static final int SUGGESTIONS = 3;

	private final RoutingIndex index;

	private final Scheduler scheduler;

	/** Suggestions from an index, with its blocking work on the given scheduler. */
	public RoutingSuggestions(RoutingIndex index, Scheduler scheduler) {
		this.index = Objects.requireNonNull(index, "index");
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
	}

	/**
	 * Up to three units for a letter, best first; the letter's own routing (if it is
	 * already in the index) does not count.
	 */
	public Mono<List<SuggestedUnit>> suggest(String trackingNumber, String title, String body) {
		return Mono.fromCallable(() -> this.index.suggest(trackingNumber, title, body, SUGGESTIONS))
			.subscribeOn(this.scheduler);
	}

	/**
	 * Records (or replaces) where a letter was assigned, so the next similar letter is
	 * routed the same way; a letter without units is forgotten.
	 */
	public Mono<Void> learn(String trackingNumber, String title, String body, List<String> units) {
		return Mono.fromRunnable(() -> {
			this.index.add(trackingNumber, title, body, units);
			this.index.refresh();
		}).subscribeOn(this.scheduler).then();
	}

	/**
	 * Replaces the whole index with the given letters (the letters table is the truth;
	 * the index is derived and rebuilt at start-up); answers how many were indexed.
	 */
	public Mono<Long> rebuild(Flux<PastLetter> letters) {
		return Mono.fromRunnable(this.index::clear)
			.subscribeOn(this.scheduler)
			.thenMany(letters.buffer(500))
			.publishOn(this.scheduler)
			.map((batch) -> {
				batch.forEach((letter) -> this.index.add(letter.trackingNumber(), letter.title(), letter.body(),
						letter.units()));
				return (long) batch.size();
			})
			.reduce(0L, Long::sum)
			.flatMap((count) -> Mono.fromCallable(() -> {
				this.index.refresh();
				return count;
			}).subscribeOn(this.scheduler));
	}

	/** How many letters the suggestions are drawn from. */
	public Mono<Integer> size() {
		return Mono.fromCallable(this.index::size).subscribeOn(this.scheduler);
	}

	/**
	 * A letter that has been assigned, as the index learns it.
	 *
	 * @param trackingNumber the letter's key
	 * @param title its title
	 * @param body its body
	 * @param units the units it was assigned to
	 */
	public record PastLetter(String trackingNumber, String title, String body, List<String> units) {

		public PastLetter {
			units = List.copyOf(units);
		}

	}

}
