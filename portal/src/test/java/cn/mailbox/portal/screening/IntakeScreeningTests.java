package cn.mailbox.portal.screening;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeScreeningTests {

	@Test
	void screensSpamDuplicatesAndScopeTogether() {
		IntakeScreening screening = new IntakeScreening(SpamScreen.withShippedModel(SpamSettings.DEFAULTS),
				new DuplicateIndex(DuplicateSettings.DEFAULTS), ScopeScreen.withShippedKeywords());
		LetterFixtures.Fixture advert = LetterFixtures.LETTER_SHAPED_ADVERTS.get(0);
		FormSignals person = new FormSignals(null, Duration.ofMinutes(2));
		Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
		IntakeScreening.Result first = screening.screen(1, t0, "13800138000", advert.title(), advert.body(), person);
		IntakeScreening.Result second = screening.screen(2, t0.plusSeconds(30), "13800138001", advert.title(),
				advert.body(), person);
		assertThat(first.spam().quarantined()).isTrue();
		assertThat(first.duplicate()).isEqualTo(new DuplicateCheck.Unique());
		assertThat(first.scope()).contains(ScopeFlag.ADVERTISING);
		assertThat(second.duplicate()).isInstanceOfSatisfying(DuplicateCheck.Exact.class,
				(exact) -> assertThat(exact.earliestLetterId()).isEqualTo(1));
		assertThat(second.signature().letterId()).isEqualTo(2);
	}

}
