package cn.mailbox.portal.archive;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.mailbox.moderation.statistics.LetterStatistics;
import cn.mailbox.site.pages.HandlingCount;
import cn.mailbox.site.pages.HandlingCounts;
import cn.mailbox.site.pages.HandlingSource;

/**
 * The received, replied and satisfaction counts as the transparency pages take them: the
 * static site depends on nothing from moderation, so the portal copies the aggregate
 * counts across (as it does the open-letters board). Only counts cross: the type has no
 * field for a rating or a comment.
 * <p>
 * The counts scan every letter, so one answer serves the live pages and the site
 * generator for a few seconds.
 */
@Component
class HandlingCountSource implements HandlingSource {

	static final Duration FRESH = Duration.ofSeconds(5);

	private final Mono<List<HandlingCount>> counts;

	private final int minimumRatings;

	/**
	 * @param statistics the moderation tables' aggregates
	 * @param minimumRatings {@code portal.statistics.minimum-ratings}: the fewest ratings
	 * a published satisfaction rate may be made of (default 5), for the live pages, the
	 * API and the static site alike
	 */
	HandlingCountSource(LetterStatistics statistics, @Value("${portal.statistics.minimum-ratings:"
			+ HandlingCounts.DEFAULT_MINIMUM_RATINGS + "}") int minimumRatings) {
		if (minimumRatings < 1) {
			throw new IllegalArgumentException("portal.statistics.minimum-ratings must be at least 1");
		}
		this.minimumRatings = minimumRatings;
		this.counts = statistics.perUnitAndDay()
			.map((row) -> new HandlingCount(row.unit(), row.nature(), row.day(), row.received(), row.replied(),
					row.rated(), row.satisfied()))
			.collectList()
			.cache((value) -> FRESH, (ex) -> Duration.ZERO, () -> Duration.ZERO);
	}

	@Override
	public Flux<HandlingCount> counts() {
		return this.counts.flatMapIterable((list) -> list);
	}

	@Override
	public int minimumRatings() {
		return this.minimumRatings;
	}

}
