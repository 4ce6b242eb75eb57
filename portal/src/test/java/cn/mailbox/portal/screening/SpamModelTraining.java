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
 * 80 % of the SMS set (spam and ham) and every tipdm2020c letter (ham, a third of them
 * once more with a writer's phone number appended, and a short passage of each); the
 * threshold is chosen by 5-fold cross-validation over the same data, with the texts
 * decided as the screen decides them (one-line guard applied), and the last 20 % of the
 * SMS set are left for {@code ScreeningEvaluation}.
 *
 * <pre>
 * ./mvnw -B -Pevaluate -pl portal -am test -Dtest=SpamModelTraining -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class SpamModelTraining {

	/**
	 * 2^22 buckets (16 MB of weights in memory; the file holds only the non-zero ones):
	 * at 2^20 the 1–2-grams of the SMS set and the letters collide often enough to cost
	 * 0.1 point of cross-validated recall.
	 */
	static final int BUCKET_BITS = 22;

	/**
	 * AdaGrad epochs: cross-validated recall at precision 0.985 rose with every doubling
	 * (8: 0.958, 16: 0.962, 32: 0.966, 64: 0.968, with the letter passages); 64 doubles
	 * the training time for 0.2 points.
	 */
	static final int EPOCHS = 32;

	/** Folds of the cross-validation that chooses the threshold. */
	static final int FOLDS = 5;

	static final long SEED = 42;

	/**
	 * The precision the threshold must reach on the cross-validated scores, with the
	 * screen's one-line guard applied ({@link SpamScreen#calibrationScores}). The target
	 * of issue 3 is 0.98; across the five folds precision at one threshold varied by
	 * about ±0.004, so 0.985 keeps a margin on the held-out split. The 10 % validation
	 * split this replaces held about 500 spam messages, so the walk was coarse (it needed
	 * 0.986 to stop at the first dip); the cross-validation scores about 4,000.
	 */
	static final double TARGET_PRECISION = 0.985;

	/**
	 * The shortest and longest (plus one sentence) passage cut from a letter as an extra
	 * ham example ({@link #passages}).
	 */
	static final int PASSAGE_MINIMUM = 30;

	static final int PASSAGE_SPREAD = 120;

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
		SpamClassifier model = train(sms.subList(0, sms.size() * 4 / 5), SharedData.letters(folder));
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
	 * Trains on the SMS rows and letters (all ham), with the threshold chosen by
	 * {@value #FOLDS}-fold cross-validation: each fold's model scores the SMS rows it was
	 * not trained on, and one threshold is walked over all those scores
	 * ({@link SpamClassifier#thresholdFor}); then the model trained on everything takes
	 * that threshold. Every row is used both to train and to choose the threshold,
	 * instead of a tenth kept apart for the threshold alone.
	 */
	static SpamClassifier train(List<SharedData.Sms> sms, List<SharedData.Letter> letters) {
		List<double[]> scored = new ArrayList<>();
		for (int fold = 0; fold < FOLDS; fold++) {
			List<SharedData.Sms> training = new ArrayList<>();
			List<SpamClassifier.Example> heldOut = new ArrayList<>();
			for (int i = 0; i < sms.size(); i++) {
				if (i % FOLDS == fold) {
					heldOut.add(new SpamClassifier.Example(sms.get(i).text(), sms.get(i).spam()));
				}
				else {
					training.add(sms.get(i));
				}
			}
			List<SharedData.Letter> foldLetters = new ArrayList<>();
			for (int i = 0; i < letters.size(); i++) {
				if (i % FOLDS != fold) {
					foldLetters.add(letters.get(i));
				}
			}
			SpamClassifier model = fit(training, foldLetters);
			Collections.addAll(scored, SpamScreen.of(SpamSettings.DEFAULTS, model).calibrationScores(heldOut));
		}
		SpamClassifier model = fit(sms, letters);
		model.threshold(SpamClassifier.thresholdFor(scored.toArray(double[][]::new), TARGET_PRECISION));
		return model;
	}

	/** A model trained on the SMS rows and letters, its threshold still 0. */
	private static SpamClassifier fit(List<SharedData.Sms> sms, List<SharedData.Letter> letters) {
		List<SpamClassifier.Example> examples = new ArrayList<>();
		sms.forEach((row) -> examples.add(new SpamClassifier.Example(row.text(), row.spam())));
		letters.forEach((letter) -> examples.add(new SpamClassifier.Example(letter.text(), false)));
		for (int i = 0; i < letters.size(); i += 3) {
			String phone = WRITER_PHONES.get(i % WRITER_PHONES.size());
			examples.add(new SpamClassifier.Example(letters.get(i).text() + phone, false));
		}
		passages(letters).forEach((passage) -> examples.add(new SpamClassifier.Example(passage, false)));
		return SpamClassifier.train(examples, BUCKET_BITS, EPOCHS, SEED);
	}

	/**
	 * One short passage of each letter with two or more sentences: a run of whole
	 * sentences from a random one on, {@value #PASSAGE_MINIMUM} to
	 * {@value #PASSAGE_MINIMUM}+{@value #PASSAGE_SPREAD} characters (a third of them with
	 * a writer's phone number). Without them the model met short texts only in the SMS
	 * set, where ham is chat and a price with a phone number is an advert: a short
	 * complaint quoting a 促销价 and giving a phone number was quarantined by four of the
	 * five cross-validation models. With them, cross-validated (held-out letters): real
	 * letters falsely quarantined 0.086 % → 0.019 %, our 25 ordinary complaints 5 of 125
	 * decisions → 0; SMS recall at the same precision −0.7 points, which the extra epochs
	 * won back.
	 */
	static List<String> passages(List<SharedData.Letter> letters) {
		Random random = new Random(SEED);
		List<String> passages = new ArrayList<>();
		for (SharedData.Letter letter : letters) {
			String[] sentences = letter.body().split("(?<=[。！？!?；;\\n])");
			if (sentences.length < 2) {
				continue;
			}
			int length = PASSAGE_MINIMUM + random.nextInt(PASSAGE_SPREAD);
			StringBuilder passage = new StringBuilder();
			for (int i = random.nextInt(sentences.length); i < sentences.length && passage.length() < length; i++) {
				passage.append(sentences[i].strip());
			}
			if (random.nextInt(3) == 0) {
				passage.append(WRITER_PHONES.get(random.nextInt(WRITER_PHONES.size())));
			}
			passages.add(passage.toString());
		}
		return passages;
	}

}
