package cn.mailbox.portal.screening;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores a letter for spam and quarantines it above a threshold. Form signals (honeypot,
 * fill time) add fixed log-odds, since only a bot trips them; the text is scored by the
 * trained {@link SpamClassifier}, whose log-odds are already relative to the threshold
 * chosen on a validation split and whose content signals (links, contact density,
 * repeated characters, gibberish, advertising vocabulary) carry learned weights. Every
 * reason carries the log-odds it added, so a moderator can see why.
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

	static final double HONEYPOT = 8.0;

	static final double TOO_FAST = 6.0;

	/**
	 * The text's log-odds count no lower than this, so that a bot signal quarantines
	 * alone even on a text that reads like a model letter (a long letter's log-odds can
	 * reach −20); it changes no decision without a form signal.
	 */
	static final double TEXT_FLOOR = -4.0;

	/**
	 * What the text alone must score to quarantine a letter with no other sign of spam
	 * (no link, no dense contact details, no advertising terms, no repeated characters,
	 * no form signal). The model learnt spam from text messages: a one-line letter in
	 * plain words (公司拖欠我们三个月工资，老板跑了，求助。) is as short as a message and can score 0.9,
	 * while a real advert almost always carries one of those signs. A letter wrongly
	 * quarantined waits for a moderator; this keeps the citizens who write one line out
	 * of that queue.
	 */
	static final double UNCORROBORATED = 0.95;

	/** Below this many characters (title and body) a letter counts as one line. */
	static final int ONE_LINE = 40;

	private final SpamSettings settings;

	private final SpamClassifier classifier;

	SpamScreen(SpamSettings settings, SpamClassifier classifier) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.classifier = Objects.requireNonNull(classifier, "classifier");
	}

	/** A screen with the given classifier. */
	public static SpamScreen of(SpamSettings settings, SpamClassifier classifier) {
		return new SpamScreen(settings, classifier);
	}

	/** A screen with the shipped model and vocabulary. */
	public static SpamScreen withShippedModel(SpamSettings settings) {
		return of(settings, SpamClassifier.shipped());
	}

	/**
	 * A letter's title and body prepared once (normalised and measured) for this screen
	 * and the {@link ScopeScreen}; pass the text without the writer's own contacts
	 * ({@link OwnContacts#remove}).
	 */
	public ScreeningInput input(String title, String body) {
		return this.classifier.input(title, body);
	}

	/**
	 * Scores a letter's title and body together with how the form was filled in. Same as
	 * {@code screen(input(title, body), form)}; when the scope screen also reads the
	 * letter, prepare it once with {@link #input} instead.
	 */
	public ScreeningVerdict screen(String title, String body, FormSignals form) {
		return screen(input(title, body), form);
	}

	/** Scores a prepared letter together with how the form was filled in. */
	public ScreeningVerdict screen(ScreeningInput input, FormSignals form) {
		List<ScreeningReason> reasons = new ArrayList<>();
		formReasons(form, reasons);
		double logOdds = reasons.stream().mapToDouble(ScreeningReason::weight).sum();
		SpamClassifier.Score score = this.classifier.score(input);
		// No extra caution for letters: the model learnt letters (with phone numbers) as
		// ham, and the threshold is the calibrated one (portal/README.md).
		logOdds += Math.max(TEXT_FLOOR, score.logOdds());
		contentReasons(score, reasons);
		boolean corroborated = !reasons.isEmpty();
		if (score.text() > 0) {
			reasons.add(new ScreeningReason(ReasonCode.CLASSIFIER, "文本与已知垃圾信息相似", score.text()));
		}
		double spamScore = 1 / (1 + Math.exp(-logOdds));
		reasons.sort(Comparator.comparingDouble(ScreeningReason::weight).reversed());
		boolean oneLine = input.normalised().length() < ONE_LINE;
		boolean quarantined = spamScore >= this.settings.quarantineThreshold()
				&& (corroborated || !oneLine || spamScore >= UNCORROBORATED);
		return new ScreeningVerdict(spamScore, quarantined, reasons);
	}

	/** Feeds a moderator's decision back into the classifier. */
	public void learn(String title, String body, boolean spam) {
		this.classifier.learn(ScreeningInput.join(title, body), spam);
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

	/**
	 * One reason per content signal whose learned weight raised the score (the two
	 * contact signals share a reason), with the text a moderator reads.
	 */
	private void contentReasons(SpamClassifier.Score score, List<ScreeningReason> reasons) {
		ContentFeatures features = score.features();
		Map<ReasonCode, Double> weights = new EnumMap<>(ReasonCode.class);
		score.signals().forEach((signal, weight) -> weights.merge(signal.code(), weight, Double::sum));
		weights.forEach((code, weight) -> {
			if (weight > 0) {
				reasons.add(new ScreeningReason(code, text(code, features), weight));
			}
		});
	}

	private static String text(ReasonCode code, ContentFeatures features) {
		return switch (code) {
			case LINKS -> "含有 " + features.links() + " 个链接";
			case CONTACT_DENSITY ->
				String.format("联系方式密集：%d 处，每百字 %.1f 处", features.contacts(), features.contactsPer100Chars());
			case REPEATED_CHARACTERS -> "同一字符连续重复 " + features.longestRun() + " 次";
			case GIBBERISH -> "内容为无意义的字母串";
			case ADVERTISING_TERMS -> "广告用语：" + String.join("、", features.advertisingTerms().keySet());
			default -> code.name();
		};
	}

}
