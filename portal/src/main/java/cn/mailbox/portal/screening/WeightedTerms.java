package cn.mailbox.portal.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A term list read from a class-path resource: one term per line, an optional TAB and
 * weight, {@code #} comments. Terms are normalised like the text they are matched
 * against, all at once in one pass over the text ({@link TermMatcher}).
 */
final class WeightedTerms {

	private final List<String> terms;

	private final double[] weights;

	private final TermMatcher matcher;

	WeightedTerms(Map<String, Double> weights) {
		this.terms = List.copyOf(weights.keySet());
		this.weights = this.terms.stream().mapToDouble(weights::get).toArray();
		this.matcher = new TermMatcher(this.terms);
	}

	static WeightedTerms resource(String path) {
		try (InputStream in = WeightedTerms.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing term list " + path);
			}
			Map<String, Double> weights = new LinkedHashMap<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split("\t");
				double weight = (parts.length > 1) ? Double.parseDouble(parts[1].strip()) : 1.0;
				weights.merge(TextNormalization.forClassifier(parts[0].strip()), weight, Math::max);
			}
			return new WeightedTerms(weights);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The terms, in the list's order. */
	List<String> terms() {
		return this.terms;
	}

	/**
	 * The terms found in already normalised text, each counted once, with their weights.
	 */
	Map<String, Double> find(String normalised) {
		boolean[] present = this.matcher.find(normalised);
		Map<String, Double> found = new LinkedHashMap<>();
		for (int t = 0; t < present.length; t++) {
			if (present[t]) {
				found.put(this.terms.get(t), this.weights[t]);
			}
		}
		return found;
	}

}
