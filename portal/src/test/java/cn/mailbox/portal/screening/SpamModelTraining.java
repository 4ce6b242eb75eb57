package cn.mailbox.portal.screening;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * (Re)writes the shipped model {@code src/main/resources/screening/spam-model.bin} from
 * 70 % of the SMS set (spam and ham) and every tipdm2020c letter (ham, a third of them
 * once more with a writer's phone number appended); the threshold is chosen on the next
 * 10 % of the SMS set as the screen decides them (one-line guard applied), and the last
 * 20 % are left for {@code ScreeningEvaluation}.
 *
 * <pre>
 * ./mvnw -B -Pevaluate -pl portal -am test -Dtest=SpamModelTraining -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class SpamModelTraining {

	static final int BUCKET_BITS = 20;

	/**
	 * AdaGrad epochs; with 1–2-grams, 8 reached a higher recall at the same precision on
	 * the validation split than 2 or 4 (0.962 against 0.952 at precision 0.98).
	 */
	static final int EPOCHS = 8;

	static final long SEED = 42;

	/**
	 * The precision the threshold must reach on the validation split, with the screen's
	 * one-line guard applied ({@link SpamScreen#calibrate}). With the guard the
	 * validation split keeps only about 6 false positives among about 500 spam rows, so
	 * the walk is coarse: at 0.985 and below it ran on through a chance run of spam to
	 * 0.9 log-odds lower, where 2 of our 25 ordinary complaint fixtures and about 0.35 %
	 * of the real letters (2-fold, held out) are quarantined; 0.986 is the lowest target
	 * at which it stops at the first dip (within 0.05 of the bare model's threshold at
	 * 0.985).
	 */
	static final double TARGET_PRECISION = 0.986;

	/**
	 * Sentences with a writer's phone number, our own, appended to every third letter as
	 * an extra ham example. The organisers masked the letters' phone numbers (zero runs),
	 * while real letters carry them ("我的电话139…"); without these the model met a phone
	 * number almost only in SMS spam, and complaints that give one scored near the
	 * threshold.
	 */
	static final List<String> WRITER_PHONES = List.of("我的电话13912345678。", "联系电话：0731-84561234", "本人手机号15012349876，请回电。",
			"联系人张先生，电话18611112222。");

	@Test
	void writesTheShippedModel() throws Exception {
		Path folder = SharedData.folder(SpamModelTraining.class);
		List<SharedData.Sms> sms = new ArrayList<>(SharedData.sms(folder));
		// The evaluation's split: the last 20 % stay unseen, so ScreeningEvaluation can
		// measure this very model on them.
		Collections.shuffle(sms, new Random(SEED));
		SpamClassifier model = train(sms.subList(0, sms.size() * 7 / 10), SharedData.letters(folder),
				sms.subList(sms.size() * 7 / 10, sms.size() * 4 / 5));
		Path target = Path.of(System.getProperty("basedir", "."))
			.resolve("src/main/resources" + SpamClassifier.SHIPPED_MODEL);
		try (OutputStream out = Files.newOutputStream(target)) {
			model.writeTo(out);
		}
		long[] documents = model.documentCounts();
		System.out.printf("Wrote %s: %d bytes, %d ham and %d spam documents, threshold %.3f%n", target.toAbsolutePath(),
				Files.size(target), documents[0], documents[1], model.threshold());
	}

	/**
	 * Trains on the SMS rows and letters (all ham), then sets the threshold on the
	 * validation SMS rows, which the model has not seen.
	 */
	static SpamClassifier train(List<SharedData.Sms> sms, List<SharedData.Letter> letters,
			List<SharedData.Sms> validation) {
		List<SpamClassifier.Example> examples = new ArrayList<>();
		sms.forEach((row) -> examples.add(new SpamClassifier.Example(row.text(), row.spam())));
		letters.forEach((letter) -> examples.add(new SpamClassifier.Example(letter.text(), false)));
		for (int i = 0; i < letters.size(); i += 3) {
			String phone = WRITER_PHONES.get(i % WRITER_PHONES.size());
			examples.add(new SpamClassifier.Example(letters.get(i).text() + phone, false));
		}
		SpamClassifier model = SpamClassifier.train(examples, BUCKET_BITS, EPOCHS, SEED);
		SpamScreen.of(SpamSettings.DEFAULTS, model)
			.calibrate(validation.stream().map((row) -> new SpamClassifier.Example(row.text(), row.spam())).toList(),
					TARGET_PRECISION);
		return model;
	}

}
