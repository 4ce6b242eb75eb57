package cn.mailbox.portal.archive;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import cn.mailbox.moderation.statistics.LetterStatistics;
import cn.mailbox.site.pages.HandlingCount;
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

	HandlingCountSource(LetterStatistics statistics) {
		this.counts = statistics.perUnitAndDay()
			.map((row) -> new HandlingCount(row.unit(), row.day(), row.received(), row.replied(), row.rated(),
					row.satisfied()))
			.collectList()
			.cache((value) -> FRESH, (ex) -> Duration.ZERO, () -> Duration.ZERO);
	}

	@Override
	public Flux<HandlingCount> counts() {
		return this.counts.flatMapIterable((list) -> list);
	}

}
