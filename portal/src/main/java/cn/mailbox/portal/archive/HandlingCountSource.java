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
 * The counts scan every letter: about a second per 330,000 letters on two cores, while
 * every other query the portal runs reads a handful of rows. The static site reads them
 * on every board tick (a minute) and every publication, and each visit of the live
 * statistics pages asks too, so one answer serves everyone for
 * {@code portal.statistics.refresh-interval} (default 5 minutes). A shorter interval made
 * the scan land, once a minute, in the middle of a submission surge: it was the whole p99
 * tail of the load benchmark. The figures are daily counts; minutes of delay change
 * nothing a reader of the statistics pages can see.
 */
@Component
class HandlingCountSource implements HandlingSource {

	static final String DEFAULT_REFRESH_INTERVAL = "5m";

	private final Mono<List<HandlingCount>> counts;

	private final int minimumRatings;

	/**
	 * @param statistics the moderation tables' aggregates
	 * @param minimumRatings {@code portal.statistics.minimum-ratings}: the fewest ratings
	 * a published satisfaction rate may be made of (default 5), for the live pages, the
	 * API and the static site alike
	 * @param refreshInterval {@code portal.statistics.refresh-interval}: how long one
	 * reading of the counts is served (default 5 minutes; zero reads them every time)
	 */
	HandlingCountSource(LetterStatistics statistics,
			@Value("${portal.statistics.minimum-ratings:" + HandlingCounts.DEFAULT_MINIMUM_RATINGS
					+ "}") int minimumRatings,
			@Value("${portal.statistics.refresh-interval:" + DEFAULT_REFRESH_INTERVAL + "}") Duration refreshInterval) {
		if (minimumRatings < 1) {
			throw new IllegalArgumentException("portal.statistics.minimum-ratings must be at least 1");
		}
		if (refreshInterval.isNegative()) {
			throw new IllegalArgumentException("portal.statistics.refresh-interval must not be negative");
		}
		this.minimumRatings = minimumRatings;
		this.counts = statistics.perUnitAndDay()
			.map((row) -> new HandlingCount(row.unit(), row.nature(), row.day(), row.received(), row.replied(),
					row.rated(), row.satisfied()))
			.collectList()
			.cache((value) -> refreshInterval, (ex) -> Duration.ZERO, () -> Duration.ZERO);
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
