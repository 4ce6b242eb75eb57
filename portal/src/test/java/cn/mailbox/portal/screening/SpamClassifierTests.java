package cn.mailbox.portal.screening;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpamClassifierTests {

	private static final SpamClassifier SHIPPED = SpamClassifier.shipped();

	@Test
	void shippedModelLeansSpamOnLetterShapedAdvertsAndHamOnComplaints() {
		long adverts = LetterFixtures.LETTER_SHAPED_ADVERTS.stream()
			.filter((f) -> SHIPPED.logOdds(f.title() + "\n" + f.body()) > 0)
			.count();
		long complaints = LetterFixtures.ORDINARY_COMPLAINTS.stream()
			.filter((f) -> SHIPPED.logOdds(f.title() + "\n" + f.body()) < 0)
			.count();
		assertThat(adverts).isGreaterThanOrEqualTo(16);
		assertThat(complaints).isGreaterThanOrEqualTo(18);
	}

	@Test
	void shippedModelIsCompactAndTrainedOnBothClasses() throws Exception {
		long[] documents = SHIPPED.documentCounts();
		assertThat(documents[0]).isGreaterThan(10_000);
		assertThat(documents[1]).isGreaterThan(1_000);
		assertThat(SpamClassifier.class.getResource(SpamClassifier.SHIPPED_MODEL)).isNotNull();
		try (var in = SpamClassifier.class.getResourceAsStream(SpamClassifier.SHIPPED_MODEL)) {
			assertThat(in.readAllBytes().length).isLessThan(5 * 1024 * 1024);
		}
	}

	@Test
	void treatsDigitsAsMaskedLikeTheTrainingData() {
		assertThat(SHIPPED.logOdds("详询13912345678")).isEqualTo(SHIPPED.logOdds("详询xxxxxxxxxxx"));
		assertThat(SHIPPED.logOdds("ＡＢＣ１２３")).isEqualTo(SHIPPED.logOdds("abcxxx"));
	}

	@Test
	void foldsLongNumbersLikeTheRegularExpressionItReplaced() {
		java.util.regex.Pattern number = java.util.regex.Pattern.compile("x[x\\- ]{3,}x");
		Random random = new Random(3);
		for (int n = 0; n < 5000; n++) {
			StringBuilder text = new StringBuilder();
			for (int i = random.nextInt(16); i > 0; i--) {
				text.append("xxx- 电a".charAt(random.nextInt(7)));
			}
			assertThat(SpamClassifier.foldNumbers(text.toString())).as(text.toString())
				.isEqualTo(number.matcher(text).replaceAll("#"));
		}
	}

	@Test
	void writesAndReadsTheSameModel() throws Exception {
		SpamClassifier model = SpamClassifier.empty(12);
		model.learn("办理大额贷款低息当天放款详询", true);
		model.learn("小区门口的路灯坏了很久没人修", false);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		model.writeTo(out);
		SpamClassifier read = SpamClassifier.readFrom(new ByteArrayInputStream(out.toByteArray()));
		// weights are stored as half-precision floats
		assertThat(read.logOdds("贷款详询")).isCloseTo(model.logOdds("贷款详询"), within(1e-2));
		assertThat(read.documentCounts()).containsExactly(1, 1);
	}

	@Test
	void onlineLearningShiftsTheScore() {
		SpamClassifier model = SpamClassifier.empty(14);
		model.learn("请修一下小区门口的路灯", false);
		model.learn("欢迎光临本店全场五折", true);
		String text = "尊贵会员专享沙发清洗上门服务";
		double before = model.logOdds(text);
		for (int i = 0; i < 5; i++) {
			model.learn("会员专享沙发清洗上门服务优惠", true);
		}
		double afterSpam = model.logOdds(text);
		assertThat(afterSpam).isGreaterThan(before + 0.5);
		for (int i = 0; i < 20; i++) {
			model.learn("会员专享沙发清洗上门服务", false);
		}
		assertThat(model.logOdds(text)).isLessThan(before);
	}

	@Test
	void trainsOnExamplesAndSetsTheThresholdOnValidationData() {
		List<SpamClassifier.Example> examples = new ArrayList<>();
		LetterFixtures.ORDINARY_COMPLAINTS
			.forEach((f) -> examples.add(new SpamClassifier.Example(f.title() + "\n" + f.body(), false)));
		LetterFixtures.LETTER_SHAPED_ADVERTS
			.forEach((f) -> examples.add(new SpamClassifier.Example(f.title() + "\n" + f.body(), true)));
		List<SpamClassifier.Example> train = new ArrayList<>();
		List<SpamClassifier.Example> validation = new ArrayList<>();
		for (int i = 0; i < examples.size(); i++) {
			((i % 4 == 0) ? validation : train).add(examples.get(i));
		}
		SpamClassifier model = SpamClassifier.train(train, 16, 5, 42);
		model.calibrate(validation, 1.0);
		assertThat(validation.stream().filter((e) -> !e.spam()).filter((e) -> model.logOdds(e.text()) > 0))
			.as("no validation complaint above the threshold")
			.isEmpty();
		assertThat(model.documentCounts()).containsExactly(train.stream().filter((e) -> !e.spam()).count(),
				train.stream().filter(SpamClassifier.Example::spam).count());
	}

	@Test
	void calibrationRanksEachTextByItsScoreLessTheScreensMargin() {
		SpamClassifier model = SpamClassifier.empty(14);
		List<SpamClassifier.Example> validation = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			validation.add(new SpamClassifier.Example("低息贷款当天放款，详询客服" + i + "号", true));
		}
		List<String> hams = List.of("小区停水三天", "路灯坏了一个月", "公交车不按时发车");
		hams.forEach((text) -> validation.add(new SpamClassifier.Example(text, false)));
		// short hams that read like spam to the model, as one-line letters can
		model.learn("低息贷款当天放款，详询客服", true);
		for (int i = 0; i < 10; i++) {
			hams.forEach((text) -> model.learn(text, true));
		}
		double bare = model.calibrate(validation, 0.99);
		assertThat(validation.stream().filter(SpamClassifier.Example::spam))
			.as("the bare walk stops above the spam, below the hams at the top")
			.allSatisfy((example) -> assertThat(model.logOdds(example.text())).isLessThan(0));
		// a screen that holds these texts back unless they score 100 more ranks them last
		double guarded = model.calibrate(validation, 0.99,
				(input, score) -> hams.contains(input.normalised()) ? 100 : 0);
		assertThat(guarded).isLessThan(bare);
		assertThat(validation.stream().filter(SpamClassifier.Example::spam))
			.allSatisfy((example) -> assertThat(model.logOdds(example.text())).isGreaterThanOrEqualTo(0));
	}

	/**
	 * Cross-validation pools the held-out scores of several models into one walk: the
	 * threshold lands on the lowest score before precision first dips below the target,
	 * not on a lower score where a later run of spam lifts it back.
	 */
	@Test
	void thresholdStopsAtTheFirstPrecisionDipOfPooledScores() {
		List<double[]> scored = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			scored.add(new double[] { 10 - i * 0.01, 1 });
		}
		scored.add(new double[] { 8.5, 0 });
		scored.add(new double[] { 8.4, 0 });
		// the first ham keeps precision at 0.99, the second dips it; a run of spam below
		// would bring it back over the target
		for (int i = 0; i < 300; i++) {
			scored.add(new double[] { 8 - i * 0.01, 1 });
		}
		java.util.Collections.shuffle(scored, new java.util.Random(7));
		double threshold = SpamClassifier.thresholdFor(scored.toArray(double[][]::new), 0.99);
		assertThat(threshold).isCloseTo(8.5, org.assertj.core.data.Offset.offset(1e-5));
		SpamClassifier model = SpamClassifier.empty(12);
		model.threshold(threshold);
		assertThat(model.threshold()).isCloseTo(8.5, org.assertj.core.data.Offset.offset(1e-5));
	}

	@Test
	void learnsSafelyFromManyThreads() throws Exception {
		SpamClassifier model = SpamClassifier.empty(12);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				boolean spam = t % 2 == 0;
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 500; i++) {
						model.learn("文本" + i, spam);
						model.logOdds("文本");
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(model.documentCounts()).containsExactly(1000, 1000);
		assertThat(model.logOdds("文本")).isFinite();
	}

}
