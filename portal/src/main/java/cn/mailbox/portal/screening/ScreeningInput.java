package cn.mailbox.portal.screening;

import java.util.Objects;

/**
 * One letter's text prepared once for every screen: normalised (NFKC, lower case, digits
 * as {@code x}) and measured ({@link ContentFeatures}). The spam screen and the scope
 * screen both need these; computed separately they were the portal's top self time under
 * load (every letter was normalised and scanned twice). Make it with
 * {@link SpamScreen#input}, then pass it to
 * {@link SpamScreen#screen(ScreeningInput, FormSignals)} and
 * {@link ScopeScreen#flags(ScreeningInput)}.
 *
 * <p>
 * A class rather than a record: its measurements are package-private types that the rest
 * of the portal has no use for.
 */
public final class ScreeningInput {

	private final String text;

	private final String normalised;

	private final ContentFeatures features;

	private ScreeningInput(String text, String normalised, ContentFeatures features) {
		this.text = text;
		this.normalised = normalised;
		this.features = features;
	}

	static ScreeningInput of(String title, String body, WeightedTerms advertising) {
		String text = join(title, body);
		String normalised = TextNormalization.forClassifier(text);
		return new ScreeningInput(text, normalised,
				ContentFeatures.of(normalised, Objects.requireNonNull(advertising)));
	}

	/** Title and body as one text, the way the screens read a letter. */
	static String join(String title, String body) {
		return ((title != null) ? title : "") + "\n" + ((body != null) ? body : "");
	}

	/** The title and body joined, as written. */
	String text() {
		return this.text;
	}

	String normalised() {
		return this.normalised;
	}

	ContentFeatures features() {
		return this.features;
	}

}
