package cn.mailbox.portal.archive;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import cn.mailbox.moderation.statistics.LetterStatistics;
import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.site.pages.HandlingCount;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The handling counts are read once per refresh interval and served to everyone in
 * between: a letter received within the interval shows in the next reading, not in this
 * one, and a zero interval reads them afresh every time.
 */
@PortalIntegrationTest
class HandlingCountSourceIntegrationTests {

	@Autowired
	LetterStatistics statistics;

	@Autowired
	WebTestClient http;

	@Test
	void servesOneReadingForTheWholeRefreshInterval() {
		HandlingCountSource hourly = new HandlingCountSource(this.statistics, 5, Duration.ofHours(1));
		HandlingCountSource everyTime = new HandlingCountSource(this.statistics, 5, Duration.ZERO);
		long before = received(hourly);
		assertThat(received(everyTime)).isEqualTo(before);

		Citizens.submit(this.http, letter());

		assertThat(received(hourly)).as("the same reading, within the hour").isEqualTo(before);
		assertThat(received(everyTime)).as("a new reading").isEqualTo(before + 1);
	}

	@Test
	void refusesANegativeInterval() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HandlingCountSource(this.statistics, 5, Duration.ofSeconds(-1)))
			.withMessageContaining("portal.statistics.refresh-interval");
	}

	/** Letters received on every day, from the rows that total a day (no unit). */
	private static long received(HandlingCountSource source) {
		return source.counts()
			.filter((count) -> count.unit() == null)
			.map(HandlingCount::received)
			.reduce(0L, Long::sum)
			.block(Duration.ofMinutes(1));
	}

	/** A plain complaint with a text of its own, so screening takes it for no repeat. */
	private static Map<String, Object> letter() {
		String own = UUID.randomUUID().toString();
		Map<String, Object> letter = Citizens.letter("complaint", "environment", "xishan", "小区门口路灯不亮 " + own,
				"小区门口的路灯已经坏了两个星期，晚上出行很不方便，请尽快维修。编号 " + own);
		letter.put("name", "李四");
		letter.put("phone", "13900139000");
		letter.put("anonymous", false);
		letter.put("publicationConsent", false);
		return letter;
	}

}
