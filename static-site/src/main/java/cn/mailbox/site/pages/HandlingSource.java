package cn.mailbox.site.pages;

import reactor.core.publisher.Flux;

/**
 * Where the received, replied and satisfaction counts come from: the portal adapts the
 * moderation module's statistics to it, as it does for the {@link BoardSource board}, so
 * the static site depends on nothing that can hold a letter or a rating. Without one the
 * pages show the figures of the published letters only.
 */
@FunctionalInterface
public interface HandlingSource {

	/** Every day with letters: the totals ({@code unit == null}) and each unit's. */
	Flux<HandlingCount> counts();

	/**
	 * The smallest group of ratings whose satisfaction rate may be published (see
	 * {@link RatingDisclosure}); the portal reads it from
	 * {@code portal.statistics.minimum-ratings}.
	 */
	default int minimumRatings() {
		return HandlingCounts.DEFAULT_MINIMUM_RATINGS;
	}

}
