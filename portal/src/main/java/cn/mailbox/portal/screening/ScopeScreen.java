package cn.mailbox.portal.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flags letters that may be outside the mailbox's remit (受理范围), from keyword lists
 * shipped as data ({@value #SCOPE_KEYWORDS}) plus two measured flags: empty or
 * meaningless content, and advertising vocabulary. Flags only: the moderator decides.
 *
 * <pre>
 * Set&lt;ScopeFlag&gt; flags = ScopeScreen.withShippedKeywords().flags(title, body);
 * </pre>
 */
public final class ScopeScreen {

	/** Where the keyword lists ship on the class path. */
	public static final String SCOPE_KEYWORDS = "/screening/scope-keywords.txt";

	/** Advertising vocabulary weight at which a letter is flagged as advertising. */
	static final double ADVERTISING_WEIGHT = 5.0;

	/** Fewer letters (CJK or Latin) than this is empty content. */
	static final int MINIMUM_MEANINGFUL_CHARS = 5;

	/** Every flag's keywords in one list, matched in one pass. */
	private final List<ScopeFlag> keywordFlags = new ArrayList<>();

	private final TermMatcher keywords;

	private final WeightedTerms advertising;

	ScopeScreen(Map<ScopeFlag, List<String>> keywords, WeightedTerms advertising) {
		List<String> terms = new ArrayList<>();
		keywords.forEach((flag, list) -> list.forEach((term) -> {
			terms.add(term);
			this.keywordFlags.add(flag);
		}));
		this.keywords = new TermMatcher(terms);
		this.advertising = advertising;
	}

	/** A screen with the shipped keyword lists and advertising vocabulary. */
	public static ScopeScreen withShippedKeywords() {
		return new ScopeScreen(readKeywords(SCOPE_KEYWORDS), WeightedTerms.resource(SpamScreen.ADVERTISING_TERMS));
	}

	/**
	 * The flags for a letter's title and body; empty when nothing stands out. When the
	 * spam screen also reads the letter, prepare it once ({@link SpamScreen#input}) and
	 * call {@link #flags(ScreeningInput)}.
	 */
	public Set<ScopeFlag> flags(String title, String body) {
		return flags(ScreeningInput.of(title, body, this.advertising));
	}

	/** The flags for a prepared letter; empty when nothing stands out. */
	public Set<ScopeFlag> flags(ScreeningInput input) {
		Set<ScopeFlag> flags = EnumSet.noneOf(ScopeFlag.class);
		boolean[] found = this.keywords.find(input.normalised());
		for (int t = 0; t < found.length; t++) {
			if (found[t]) {
				flags.add(this.keywordFlags.get(t));
			}
		}
		ContentFeatures features = input.features();
		if (features.meaningfulChars() < MINIMUM_MEANINGFUL_CHARS || features.gibberish()
				|| features.longestRun() * 2 > features.meaningfulChars()) {
			flags.add(ScopeFlag.EMPTY_OR_MEANINGLESS);
		}
		if (features.advertisingWeight() >= ADVERTISING_WEIGHT) {
			flags.add(ScopeFlag.ADVERTISING);
		}
		return flags;
	}

	static Map<ScopeFlag, List<String>> readKeywords(String path) {
		try (InputStream in = ScopeScreen.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing keyword lists " + path);
			}
			Map<ScopeFlag, List<String>> keywords = new EnumMap<>(ScopeFlag.class);
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			List<String> current = null;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#")) {
					continue;
				}
				if (trimmed.startsWith("[") && trimmed.endsWith("]") && trimmed.length() > 2
						&& Character.isUpperCase(trimmed.charAt(1))) {
					current = new ArrayList<>();
					keywords.put(ScopeFlag.valueOf(trimmed.substring(1, trimmed.length() - 1)), current);
				}
				else if (current != null) {
					current.add(TextNormalization.forClassifier(trimmed));
				}
				else {
					throw new IllegalStateException(path + ": term before the first [FLAG] line: " + trimmed);
				}
			}
			keywords.replaceAll((flag, terms) -> List.copyOf(terms));
			return keywords;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
