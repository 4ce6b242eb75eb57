package cn.mailbox.portal.screening;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Scores a letter for spam from three kinds of evidence and quarantines it above a
 * threshold: form signals (honeypot, fill time), content features (links, contact
 * density, repeated characters, gibberish, advertising vocabulary) and the trained
 * {@link SpamClassifier}. Each adds log-odds to a logistic score, so every reason carries
 * the weight it contributed and a moderator can see why.
 *
 * <pre>
 * SpamScreen screen = SpamScreen.withShippedModel(SpamSettings.DEFAULTS);
 * ScreeningVerdict verdict = screen.screen(title, body, new FormSignals(honeypot, fillTime));
 * // after the moderator decides:
 * screen.learn(title, body, confirmedSpam);
 * </pre>
 *
 * Thread-safe: the classifier guards its own counts.
 */
public final class SpamScreen {

	/** Where the advertising vocabulary ships on the class path. */
	public static final String ADVERTISING_TERMS = "/screening/advertising-terms.txt";

	static final double BIAS = -3.0;

	static final double HONEYPOT = 8.0;

	static final double TOO_FAST = 6.0;

	static final double PER_LINK = 1.5;

	static final double CONTACT_DENSITY = 1.5;

	static final double MANY_CONTACTS = 1.0;

	static final double REPEATED = 1.5;

	static final double GIBBERISH = 4.0;

	static final double ADVERTISING_CAP = 8.0;

	/** The classifier's summed log-likelihood ratio is divided by this ... */
	static final double CLASSIFIER_SCALE = 12.0;

	/**
	 * ... and clamped to this range, so no single source decides alone except bot
	 * signals.
	 */
	static final double CLASSIFIER_MIN = -3.0;

	static final double CLASSIFIER_MAX = 6.0;

	private final SpamSettings settings;

	private final SpamClassifier classifier;

	private final WeightedTerms advertising;

	SpamScreen(SpamSettings settings, SpamClassifier classifier, WeightedTerms advertising) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.classifier = Objects.requireNonNull(classifier, "classifier");
		this.advertising = Objects.requireNonNull(advertising, "advertising");
	}

	/** A screen with the given classifier and the shipped advertising vocabulary. */
	public static SpamScreen of(SpamSettings settings, SpamClassifier classifier) {
		return new SpamScreen(settings, classifier, WeightedTerms.resource(ADVERTISING_TERMS));
	}

	/** A screen with the shipped model and vocabulary. */
	public static SpamScreen withShippedModel(SpamSettings settings) {
		return of(settings, SpamClassifier.shipped());
	}

	/** Scores a letter's title and body together with how the form was filled in. */
	public ScreeningVerdict screen(String title, String body, FormSignals form) {
		String text = join(title, body);
		List<ScreeningReason> reasons = new ArrayList<>();
		formReasons(form, reasons);
		contentReasons(ContentFeatures.of(TextNormalization.forClassifier(text), this.advertising), reasons);
		double classifierWeight = classifierWeight(text);
		if (classifierWeight > 0) {
			reasons.add(new ScreeningReason(ReasonCode.CLASSIFIER, "文本与已知垃圾信息相似", classifierWeight));
		}
		double logOdds = BIAS + classifierWeight
				+ reasons.stream()
					.filter(r -> r.code() != ReasonCode.CLASSIFIER)
					.mapToDouble(ScreeningReason::weight)
					.sum();
		double score = 1 / (1 + Math.exp(-logOdds));
		reasons.sort(Comparator.comparingDouble(ScreeningReason::weight).reversed());
		return new ScreeningVerdict(score, score >= this.settings.quarantineThreshold(), reasons);
	}

	/** Feeds a moderator's decision back into the classifier. */
	public void learn(String title, String body, boolean spam) {
		this.classifier.learn(join(title, body), spam);
	}

	double classifierWeight(String text) {
		double sum = this.classifier.evidence(text).sum();
		return Math.max(CLASSIFIER_MIN, Math.min(CLASSIFIER_MAX, sum / CLASSIFIER_SCALE));
	}

	private void formReasons(FormSignals form, List<ScreeningReason> reasons) {
		if (form.honeypotFilled()) {
			reasons.add(new ScreeningReason(ReasonCode.HONEYPOT_FILLED, "隐藏字段被填写（自动提交）", HONEYPOT));
		}
		if (form.fillTime() != null && form.fillTime().compareTo(this.settings.minimumFillTime()) < 0) {
			reasons.add(new ScreeningReason(ReasonCode.FILLED_TOO_FAST, "表单填写用时 " + form.fillTime().toMillis()
					+ " 毫秒，少于 " + this.settings.minimumFillTime().toMillis() + " 毫秒", TOO_FAST));
		}
	}

	private void contentReasons(ContentFeatures features, List<ScreeningReason> reasons) {
		if (features.links() > 0) {
			reasons.add(new ScreeningReason(ReasonCode.LINKS, "含有 " + features.links() + " 个链接",
					PER_LINK * Math.min(3, features.links())));
		}
		double contactWeight = ((features.contactsPer100Chars() >= 1.5) ? CONTACT_DENSITY : 0)
				+ ((features.contacts() >= 3) ? MANY_CONTACTS : 0);
		if (contactWeight > 0) {
			reasons.add(new ScreeningReason(ReasonCode.CONTACT_DENSITY,
					String.format("联系方式密集：%d 处，每百字 %.1f 处", features.contacts(), features.contactsPer100Chars()),
					contactWeight));
		}
		if (features.longestRun() >= 6) {
			reasons.add(new ScreeningReason(ReasonCode.REPEATED_CHARACTERS, "同一字符连续重复 " + features.longestRun() + " 次",
					REPEATED));
		}
		if (features.gibberish()) {
			reasons.add(new ScreeningReason(ReasonCode.GIBBERISH, "内容为无意义的字母串", GIBBERISH));
		}
		if (!features.advertisingTerms().isEmpty()) {
			reasons.add(new ScreeningReason(ReasonCode.ADVERTISING_TERMS,
					"广告用语：" + String.join("、", features.advertisingTerms().keySet()),
					Math.min(ADVERTISING_CAP, features.advertisingWeight())));
		}
	}

	private static String join(String title, String body) {
		return ((title != null) ? title : "") + "\n" + ((body != null) ? body : "");
	}

}
