package cn.mailbox.portal.screening;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * CPU per letter of the intake screens (spam verdict plus scope flags) on the real
 * letters, the way {@code SubmitLetter.prepare} calls them: each screen reading the text
 * itself, and one {@link ScreeningInput} shared by both. Not a JMH benchmark: a warm-up
 * pass, then the current thread's CPU time over three passes.
 *
 * <pre>
 * ./mvnw -B -Pevaluate -pl portal -am test -Dtest=ScreeningBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class ScreeningBenchmark {

	private static final FormSignals PERSON = new FormSignals("", Duration.ofMinutes(5));

	private static final int PASSES = 3;

	@Test
	void measuresCpuPerLetter() throws Exception {
		Path folder = SharedData.folder(ScreeningBenchmark.class);
		List<SharedData.Letter> letters = SharedData.letters(folder);
		SpamScreen spam = SpamScreen.withShippedModel(SpamSettings.DEFAULTS);
		ScopeScreen scope = ScopeScreen.withShippedKeywords();
		Consumer<SharedData.Letter> separately = (letter) -> {
			spam.screen(letter.title(), letter.body(), PERSON);
			scope.flags(letter.title(), letter.body());
		};
		Consumer<SharedData.Letter> shared = (letter) -> {
			ScreeningInput input = spam.input(letter.title(), letter.body());
			spam.screen(input, PERSON);
			scope.flags(input);
		};
		System.out.printf("%d letters, mean %.0f characters%n", letters.size(),
				letters.stream().mapToInt((l) -> l.text().length()).average().orElse(0));
		for (int round = 0; round < 2; round++) {
			report("each screen reads the text (screen(title, body) + flags(title, body))", letters, separately);
			report("one ScreeningInput shared (input + screen(input) + flags(input))", letters, shared);
		}
		report("ContentFeatures.of alone", letters, (letter) -> ContentFeatures
			.of(TextNormalization.forClassifier(letter.text()), WeightedTermsHolder.ADVERTISING));
		report("TextNormalization.forClassifier alone", letters,
				(letter) -> TextNormalization.forClassifier(letter.text()));
	}

	private static void report(String what, List<SharedData.Letter> letters, Consumer<SharedData.Letter> work) {
		letters.forEach(work);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long cpu = threads.getCurrentThreadCpuTime();
		long wall = System.nanoTime();
		for (int pass = 0; pass < PASSES; pass++) {
			letters.forEach(work);
		}
		int n = PASSES * letters.size();
		System.out.printf("  %-80s %.3f ms CPU, %.3f ms wall per letter%n", what,
				(threads.getCurrentThreadCpuTime() - cpu) / 1e6 / n, (System.nanoTime() - wall) / 1e6 / n);
	}

	private static final class WeightedTermsHolder {

		static final WeightedTerms ADVERTISING = WeightedTerms.resource(SpamScreen.ADVERTISING_TERMS);

	}

}
