package cn.mailbox.portal.screening;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TermMatcherTests {

	@Test
	void findsOverlappingTermsAndTermsInsideOthers() {
		TermMatcher matcher = new TermMatcher(List.of("he", "she", "his", "hers", "退订", "回td退订"));
		assertThat(matcher.find("ushers")).containsExactly(true, true, false, true, false, false);
		assertThat(matcher.find("回复回td退订")).containsExactly(false, false, false, false, true, true);
		assertThat(matcher.find("")).containsOnly(false);
	}

	@Test
	void agreesWithContainsOnRandomText() {
		List<String> terms = List.of("ab", "abab", "bab", "a", "ccb", "bc", "cab", "acca");
		TermMatcher matcher = new TermMatcher(terms);
		Random random = new Random(7);
		for (int n = 0; n < 2000; n++) {
			StringBuilder text = new StringBuilder();
			for (int i = random.nextInt(12); i > 0; i--) {
				text.append("abcx".charAt(random.nextInt(4)));
			}
			boolean[] found = matcher.find(text.toString());
			for (int t = 0; t < terms.size(); t++) {
				assertThat(found[t]).as("%s in %s", terms.get(t), text)
					.isEqualTo(text.toString().contains(terms.get(t)));
			}
		}
	}

	@Test
	void findsTheShippedVocabularyExactlyWhereContainsDoes() {
		WeightedTerms advertising = WeightedTerms.resource(SpamScreen.ADVERTISING_TERMS);
		java.util.List<LetterFixtures.Fixture> letters = new java.util.ArrayList<>(
				LetterFixtures.LETTER_SHAPED_ADVERTS);
		letters.addAll(LetterFixtures.ORDINARY_COMPLAINTS);
		for (LetterFixtures.Fixture letter : letters) {
			String text = TextNormalization.forClassifier(letter.title() + "\n" + letter.body());
			assertThat(advertising.find(text).keySet()).as(text)
				.containsExactlyElementsOf(advertising.terms().stream().filter(text::contains).toList());
		}
		assertThat(advertising.find(TextNormalization.forClassifier("即日起全场低至5折，回复TD退订"))).containsKeys("即日起", "全场",
				"低至", "回复td退订");
	}

}
