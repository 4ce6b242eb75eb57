package cn.mailbox.portal.screening;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/**
 * Measures the screens on the real data and prints the figures quoted in
 * portal/README.md.
 *
 * <pre>
 * ./mvnw -B -Pevaluate -pl portal -am test -Dtest=ScreeningEvaluation -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class ScreeningEvaluation {

	private static final long SEED = 42;

	private static final FormSignals PERSON = new FormSignals("", Duration.ofMinutes(5));

	@Test
	void evaluate() throws Exception {
		Path folder = SharedData.folder(ScreeningEvaluation.class);
		List<SharedData.Sms> sms = new ArrayList<>(SharedData.sms(folder));
		List<SharedData.Letter> letters = SharedData.letters(folder);
		System.out.printf("Data: %d SMS (%d spam), %d letters%n", sms.size(),
				sms.stream().filter(SharedData.Sms::spam).count(), letters.size());
		if (Boolean.getBoolean("duplicatesOnly")) {
			duplicates(letters);
			return;
		}
		spam(sms, letters);
		shippedModel(letters);
		if (Boolean.getBoolean("spamOnly")) {
			return;
		}
		duplicates(letters);
	}

	/**
	 * SMS split 80/20 (seeded): training (the threshold by cross-validation inside it,
	 * {@link SpamModelTraining#train}) and test. Letters: 2-fold, each half screened by a
	 * model trained on the SMS training rows and the other half.
	 */
	private void spam(List<SharedData.Sms> sms, List<SharedData.Letter> letters) throws Exception {
		Collections.shuffle(sms, new Random(SEED));
		List<SharedData.Sms> train = sms.subList(0, sms.size() * 4 / 5);
		List<SharedData.Sms> test = sms.subList(sms.size() * 4 / 5, sms.size());
		List<SharedData.Letter> shuffled = new ArrayList<>(letters);
		Collections.shuffle(shuffled, new Random(SEED));
		List<List<SharedData.Letter>> halves = List.of(shuffled.subList(0, shuffled.size() / 2),
				shuffled.subList(shuffled.size() / 2, shuffled.size()));
		int falseQuarantines = 0;
		int advertsCaught = 0;
		int complaintsQuarantined = 0;
		for (int fold = 0; fold < 2; fold++) {
			long started = System.nanoTime();
			SpamClassifier model = SpamModelTraining.train(train, halves.get(1 - fold));
			System.out.printf("Fold %d: trained in %.1f s, threshold %.3f%n", fold, (System.nanoTime() - started) / 1e9,
					model.threshold());
			SpamScreen screen = SpamScreen.of(SpamSettings.DEFAULTS, model);
			if (fold == 0) {
				this.smsTest = test;
				java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
				model.writeTo(bytes);
				System.out.printf("Model file: %d bytes%n", bytes.size());
				smsFigures(screen, model, test);
			}
			for (SharedData.Letter letter : halves.get(fold)) {
				screen.screen(letter.title(), letter.body(), PERSON);
			}
			java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
			long scoringCpu = threads.getCurrentThreadCpuTime();
			long scoring = System.nanoTime();
			for (SharedData.Letter letter : halves.get(fold)) {
				ScreeningVerdict verdict = screen.screen(letter.title(), letter.body(), PERSON);
				if (verdict.quarantined()) {
					falseQuarantines++;
					System.out.printf("  quarantined letter %s/%d %.3f %s %s%n", letter.file(), letter.id(),
							verdict.spamScore(), letter.title(), codes(verdict));
				}
			}
			System.out.printf(
					"  screening %d letters (second pass, warm): %.3f ms CPU per letter, %.3f ms wall (mean %.0f characters)%n",
					halves.get(fold).size(),
					(threads.getCurrentThreadCpuTime() - scoringCpu) / 1e6 / halves.get(fold).size(),
					(System.nanoTime() - scoring) / 1e6 / halves.get(fold).size(),
					halves.get(fold).stream().mapToInt((l) -> l.text().length()).average().orElse(0));
			advertsCaught += count(LetterFixtures.LETTER_SHAPED_ADVERTS,
					(f) -> screen.screen(f.title(), f.body(), PERSON).quarantined());
			complaintsQuarantined += count(LetterFixtures.ORDINARY_COMPLAINTS,
					(f) -> screen.screen(f.title(), f.body(), PERSON).quarantined());
			for (LetterFixtures.Fixture f : LetterFixtures.ORDINARY_COMPLAINTS) {
				ScreeningVerdict v = screen.screen(f.title(), f.body(), PERSON);
				if (v.spamScore() > 0.2) {
					System.out.printf("  complaint fixture %.3f %s %s%n", v.spamScore(), f.title(), v.reasons());
				}
			}
			for (LetterFixtures.Fixture f : LetterFixtures.LETTER_SHAPED_ADVERTS) {
				ScreeningVerdict v = screen.screen(f.title(), f.body(), PERSON);
				if (v.spamScore() < 0.8) {
					System.out.printf("  advert fixture %.3f %s %s%n", v.spamScore(), f.title(), v.reasons());
				}
			}
		}
		System.out.printf("Letters, 2-fold held out: false quarantine %d / %d = %.3f%%%n", falseQuarantines,
				letters.size(), 100.0 * falseQuarantines / letters.size());
		System.out.printf(
				"Fixtures with held-out models (2 folds): adverts quarantined %d / %d, complaints quarantined %d / %d%n",
				advertsCaught, 2 * LetterFixtures.LETTER_SHAPED_ADVERTS.size(), complaintsQuarantined,
				2 * LetterFixtures.ORDINARY_COMPLAINTS.size());
	}

	private void smsFigures(SpamScreen screen, SpamClassifier model, List<SharedData.Sms> test) {
		int tp = 0;
		int fp = 0;
		int fn = 0;
		List<SharedData.Sms> hams = new ArrayList<>();
		List<Boolean> hamFlagged = new ArrayList<>();
		List<double[]> scored = new ArrayList<>();
		long started = System.nanoTime();
		int heldSpam = 0;
		int heldHam = 0;
		for (SharedData.Sms row : test) {
			ScreeningVerdict verdict = screen.screen("", row.text(), FormSignals.NONE);
			boolean quarantined = verdict.quarantined();
			if (!quarantined && verdict.spamScore() >= SpamSettings.DEFAULTS.quarantineThreshold()) {
				heldSpam += row.spam() ? 1 : 0;
				heldHam += row.spam() ? 0 : 1;
				// printed to read what the guard costs, never copied anywhere
				System.out.printf("    held back %s %.3f %s%n", row.spam() ? "spam" : "ham", verdict.spamScore(),
						row.text());
			}
			scored.add(new double[] { model.logOdds(row.text()), row.spam() ? 1 : 0 });
			if (row.spam()) {
				tp += quarantined ? 1 : 0;
				fn += quarantined ? 0 : 1;
			}
			else {
				fp += quarantined ? 1 : 0;
				hams.add(row);
				hamFlagged.add(quarantined);
			}
		}
		double perRow = (System.nanoTime() - started) / 1e6 / test.size() / 2;
		System.out.printf(
				"SMS held-out 20%% (%d rows, natural 1:9 ratio): screen precision %.4f recall %.4f; false positives %d / %d ham = %.3f%% (%.3f ms per row)%n",
				test.size(), tp / (double) (tp + fp), tp / (double) (tp + fn), fp, hams.size(),
				100.0 * fp / hams.size(), perRow);
		System.out.printf("  held back by the one-line guard (above the threshold, not quarantined): %d spam, %d ham%n",
				heldSpam, heldHam);
		double fpRate = fp / (double) hams.size();
		int spam = tp + fn;
		System.out.printf(
				"SMS held-out, balanced 1:1 (expected from the same rates): screen precision %.4f recall %.4f%n",
				tp / (tp + fpRate * spam), tp / (double) spam);
		for (double shift : new double[] { -2, -1, -0.5, 0, 0.5, 1, 2 }) {
			long stp = scored.stream().filter((p) -> p[1] == 1 && p[0] >= shift).count();
			long sfp = scored.stream().filter((p) -> p[1] == 0 && p[0] >= shift).count();
			System.out.printf("  threshold %+.1f: precision %.4f recall %.4f%n", shift, stp / (double) (stp + sfp),
					stp / (double) spam);
		}
		Random random = new Random(SEED);
		System.out.println("  sample of held-out ham quarantined (label noise check):");
		for (int i = 0, shown = 0; i < hams.size() * 3 && shown < 15; i++) {
			int j = random.nextInt(hams.size());
			if (hamFlagged.get(j)) {
				System.out.println("    " + hams.get(j).text());
				shown++;
			}
		}
	}

	private List<SharedData.Sms> smsTest;

	private void shippedModel(List<SharedData.Letter> letters) {
		SpamScreen screen = SpamScreen.withShippedModel(SpamSettings.DEFAULTS);
		System.out.println("Shipped model (trained on the same 80 %, threshold by cross-validation inside it):");
		smsFigures(screen, SpamClassifier.shipped(), this.smsTest);
		int quarantined = count(letters, (l) -> screen.screen(l.title(), l.body(), PERSON).quarantined());
		System.out.printf("Shipped model on all %d letters (seen in training): false quarantine %d = %.3f%%%n",
				letters.size(), quarantined, 100.0 * quarantined / letters.size());
		System.out.printf("Shipped model on fixtures: adverts quarantined %d / %d, complaints quarantined %d / %d%n",
				count(LetterFixtures.LETTER_SHAPED_ADVERTS,
						(f) -> screen.screen(f.title(), f.body(), PERSON).quarantined()),
				LetterFixtures.LETTER_SHAPED_ADVERTS.size(),
				count(LetterFixtures.ORDINARY_COMPLAINTS,
						(f) -> screen.screen(f.title(), f.body(), PERSON).quarantined()),
				LetterFixtures.ORDINARY_COMPLAINTS.size());
	}

	/**
	 * Near-duplicate recall on edited copies and false links between distinct letters.
	 * The corpus holds real reposts and campaigns; they are removed first (exact bigram
	 * Jaccard of at least 0.5 with an earlier letter, checked on the LSH candidates) so
	 * that what remains is distinct.
	 */
	private void duplicates(List<SharedData.Letter> letters) {
		DuplicateSettings settings = DuplicateSettings.DEFAULTS;
		Instant start = Instant.parse("2020-01-01T00:00:00Z");
		DuplicateIndex dedupe = new DuplicateIndex(new DuplicateSettings(Duration.ofDays(36500), 1_000_000, 0.2, 10));
		List<SharedData.Letter> distinct = new ArrayList<>();
		Map<Long, Set<String>> bigrams = new HashMap<>();
		int reposts = 0;
		for (SharedData.Letter letter : letters) {
			long id = distinct.size();
			DuplicateSignature signature = dedupe.sign(id, start.plusSeconds(id), null, letter.title(), letter.body());
			Set<String> grams = bigrams(letter.text());
			DuplicateCheck check = dedupe.check(signature);
			List<Long> matched = switch (check) {
				case DuplicateCheck.Exact exact -> exact.matchedLetterIds();
				case DuplicateCheck.Near near -> near.matchedLetterIds();
				case DuplicateCheck.Unique unique -> List.of();
			};
			if (check instanceof DuplicateCheck.Exact
					|| matched.stream().anyMatch((other) -> jaccard(grams, bigrams.get(other)) >= 0.5)) {
				reposts++;
				continue;
			}
			dedupe.add(signature);
			bigrams.put(id, grams);
			distinct.add(letter);
		}
		System.out.printf("Duplicates: %d letters, %d reposts/campaign copies in the corpus removed, %d distinct%n",
				letters.size(), reposts, distinct.size());

		DuplicateIndex index = new DuplicateIndex(settings);
		List<DuplicateSignature> signatures = new ArrayList<>();
		int falseLinks = 0;
		long started = System.nanoTime();
		for (int i = 0; i < distinct.size(); i++) {
			SharedData.Letter letter = distinct.get(i);
			DuplicateSignature signature = index.sign(i, start.plusSeconds(i), null, letter.title(), letter.body());
			signatures.add(signature);
			DuplicateCheck check = index.checkAndAdd(signature);
			if (!(check instanceof DuplicateCheck.Unique)) {
				falseLinks++;
				if (falseLinks <= 25) {
					long other = (check instanceof DuplicateCheck.Near near) ? near.earliestLetterId()
							: ((DuplicateCheck.Exact) check).earliestLetterId();
					System.out.printf("    false link %s %d chars / %d chars: %s | %s%n",
							(check instanceof DuplicateCheck.Near near) ? String.format("%.2f", near.similarity())
									: "exact",
							letter.text().length(), distinct.get((int) other).text().length(),
							letter.text().replace('\n', ' ').substring(0, Math.min(60, letter.text().length())),
							distinct.get((int) other)
								.text()
								.replace('\n', ' ')
								.substring(0, Math.min(60, distinct.get((int) other).text().length())));
				}
			}
		}
		System.out.printf(
				"  distinct letters linked to an earlier distinct letter: %d / %d = %.3f%% (sign + checkAndAdd %.2f ms per letter)%n",
				falseLinks, distinct.size(), 100.0 * falseLinks / distinct.size(),
				(System.nanoTime() - started) / 1e6 / distinct.size());
		System.out.printf("  index memory: about %.1f KB per letter%n", memoryPerLetter(signatures));
		DuplicateIndex sweep = new DuplicateIndex(new DuplicateSettings(Duration.ofDays(36500), 1_000_000, 0.2, 10));
		List<Double> maxima = new ArrayList<>();
		for (DuplicateSignature signature : signatures) {
			if (sweep.checkAndAdd(signature) instanceof DuplicateCheck.Near near) {
				maxima.add(near.matchedLetterIds()
					.stream()
					.mapToDouble((id) -> MinHasher.similarity(signature.minHash(),
							signatures.get((int) (long) id).minHash()))
					.max()
					.orElse(0));
			}
		}
		for (double t : new double[] { 0.35, 0.38, 0.4, 0.41, 0.42, 0.43, 0.45 }) {
			System.out.printf("  threshold %.2f: distinct letters linked %.3f%%%n", t,
					100.0 * maxima.stream().filter((m) -> m >= t).count() / distinct.size());
		}
		sameTopicPairs(distinct, signatures, settings);

		Random random = new Random(SEED);
		int copies = 2000;
		int found = 0;
		int toOriginal = 0;
		List<Double> similarities = new ArrayList<>();
		for (int c = 0; c < copies; c++) {
			int original = random.nextInt(distinct.size());
			SharedData.Letter letter = distinct.get(original);
			double rate = 0.1 + 0.2 * random.nextDouble();
			String edited = edit(letter.text(), rate, distinct, random);
			DuplicateSignature copy = index.sign(1_000_000L + c, start.plusSeconds(distinct.size() + c), null, "",
					edited);
			DuplicateCheck check = index.check(copy);
			long earliest = switch (check) {
				case DuplicateCheck.Exact exact -> exact.earliestLetterId();
				case DuplicateCheck.Near near -> near.earliestLetterId();
				case DuplicateCheck.Unique unique -> -1;
			};
			if (earliest >= 0) {
				found++;
			}
			similarities.add(MinHasher.similarity(copy.minHash(), signatures.get(original).minHash()));
			if (earliest == original) {
				toOriginal++;
			}
		}
		System.out.printf(
				"  edited copies (10-30%% of characters substituted/inserted/deleted): linked %d / %d = %.1f%%, to the original %d%n",
				found, copies, 100.0 * found / copies, toOriginal);
		Collections.sort(similarities);
		for (double t : new double[] { 0.35, 0.38, 0.4, 0.41, 0.42, 0.43, 0.45 }) {
			System.out.printf("  threshold %.2f: copies at or above %.3f%%%n", t,
					100.0 * similarities.stream().filter((m) -> m >= t).count() / copies);
		}
		System.out.printf("  estimated similarity of copies to originals: min %.3f, 1%% %.3f, 5%% %.3f, median %.3f%n",
				similarities.get(0), similarities.get(copies / 100), similarities.get(copies / 20),
				similarities.get(copies / 2));
	}

	private static double memoryPerLetter(List<DuplicateSignature> signatures) {
		int copies = 5;
		List<DuplicateIndex> indexes = new ArrayList<>();
		Runtime runtime = Runtime.getRuntime();
		System.gc();
		long before = runtime.totalMemory() - runtime.freeMemory();
		for (int c = 0; c < copies; c++) {
			DuplicateIndex index = new DuplicateIndex(
					new DuplicateSettings(Duration.ofDays(36500), 1_000_000, 0.42, 10));
			for (DuplicateSignature signature : signatures) {
				index.add(DuplicateSignature.fromBytes(signature.toBytes()));
			}
			indexes.add(index);
		}
		System.gc();
		long after = runtime.totalMemory() - runtime.freeMemory();
		System.out.printf("  (%d indexes measured)%n", indexes.size());
		return (after - before) / 1024.0 / copies / signatures.size();
	}

	/** Pairs of distinct letters whose titles share a 4-character substring. */
	private void sameTopicPairs(List<SharedData.Letter> distinct, List<DuplicateSignature> signatures,
			DuplicateSettings settings) {
		Map<String, List<Integer>> byGram = new HashMap<>();
		for (int i = 0; i < distinct.size(); i++) {
			String title = TextNormalization.forDuplicates(distinct.get(i).title());
			Set<String> grams = new HashSet<>();
			for (int j = 0; j + 4 <= title.length(); j++) {
				grams.add(title.substring(j, j + 4));
			}
			for (String gram : grams) {
				byGram.computeIfAbsent(gram, (g) -> new ArrayList<>()).add(i);
			}
		}
		Set<Long> pairs = new HashSet<>();
		for (List<Integer> ids : byGram.values()) {
			if (ids.size() < 2 || ids.size() > 50) {
				continue;
			}
			for (int a = 0; a < ids.size(); a++) {
				for (int b = a + 1; b < ids.size(); b++) {
					pairs.add(ids.get(a) * 1_000_000L + ids.get(b));
				}
			}
		}
		int linked = 0;
		for (long pair : pairs) {
			DuplicateSignature a = signatures.get((int) (pair / 1_000_000L));
			DuplicateSignature b = signatures.get((int) (pair % 1_000_000L));
			if (shareBand(a, b) && MinHasher.similarity(a.minHash(), b.minHash()) >= settings.similarityThreshold()) {
				linked++;
			}
		}
		System.out.printf("  same-topic pairs (titles share 4 characters): %d, linked %d = %.3f%%%n", pairs.size(),
				linked, 100.0 * linked / pairs.size());
	}

	private static boolean shareBand(DuplicateSignature a, DuplicateSignature b) {
		long[] x = a.bandKeys();
		long[] y = b.bandKeys();
		for (int i = 0; i < x.length && i < y.length; i++) {
			if (x[i] == y[i]) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Substitutes, inserts or deletes characters; new characters come from other letters.
	 */
	static String edit(String text, double rate, List<SharedData.Letter> source, Random random) {
		StringBuilder out = new StringBuilder(text);
		int edits = (int) Math.round(text.length() * rate);
		for (int e = 0; e < edits && out.length() > 1; e++) {
			int at = random.nextInt(out.length());
			String donor = source.get(random.nextInt(source.size())).body();
			char replacement = donor.isEmpty() ? '的' : donor.charAt(random.nextInt(donor.length()));
			switch (random.nextInt(3)) {
				case 0 -> out.setCharAt(at, replacement);
				case 1 -> out.insert(at, replacement);
				default -> out.deleteCharAt(at);
			}
		}
		return out.toString();
	}

	private static Set<String> bigrams(String text) {
		String normalised = TextNormalization.forDuplicates(text);
		Set<String> grams = new HashSet<>();
		for (int i = 0; i + 2 <= normalised.length(); i++) {
			grams.add(normalised.substring(i, i + 2));
		}
		return grams;
	}

	private static double jaccard(Set<String> a, Set<String> b) {
		if (b == null || (a.isEmpty() && b.isEmpty())) {
			return 0;
		}
		int common = 0;
		for (String gram : a) {
			if (b.contains(gram)) {
				common++;
			}
		}
		return common / (double) (a.size() + b.size() - common);
	}

	private static <T> int count(List<T> items, Predicate<T> test) {
		return (int) items.stream().filter(test).count();
	}

	private static List<ReasonCode> codes(ScreeningVerdict verdict) {
		return verdict.reasons().stream().map(ScreeningReason::code).toList();
	}

}
