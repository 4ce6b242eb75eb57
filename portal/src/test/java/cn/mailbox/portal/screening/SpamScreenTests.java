package cn.mailbox.portal.screening;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpamScreenTests {

	private static final SpamScreen SCREEN = SpamScreen.withShippedModel(SpamSettings.DEFAULTS);

	private static final FormSignals PERSON = new FormSignals("", Duration.ofMinutes(4));

	@Test
	void quarantinesLetterShapedAdverts() {
		List<LetterFixtures.Fixture> missed = LetterFixtures.LETTER_SHAPED_ADVERTS.stream()
			.filter((advert) -> !SCREEN.screen(advert.title(), advert.body(), PERSON).quarantined())
			.toList();
		print(LetterFixtures.LETTER_SHAPED_ADVERTS);
		assertThat(missed).isEmpty();
	}

	@Test
	void passesOrdinaryComplaintsWithPhoneNumbersAndPrices() {
		List<LetterFixtures.Fixture> quarantined = LetterFixtures.ORDINARY_COMPLAINTS.stream()
			.filter((letter) -> SCREEN.screen(letter.title(), letter.body(), PERSON).quarantined())
			.toList();
		print(LetterFixtures.ORDINARY_COMPLAINTS);
		assertThat(quarantined).isEmpty();
	}

	private static void print(List<LetterFixtures.Fixture> fixtures) {
		for (LetterFixtures.Fixture f : fixtures) {
			ScreeningVerdict v = SCREEN.screen(f.title(), f.body(), PERSON);
			System.out.printf("%.3f nb=%.2f %s %s%n", v.spamScore(),
					SCREEN.classifierWeight(f.title() + "\n" + f.body()), f.title(),
					v.reasons().stream().map(r -> r.code() + ":" + r.weight()).toList());
		}
	}

}
