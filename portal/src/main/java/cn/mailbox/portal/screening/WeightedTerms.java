package cn.mailbox.portal.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A term list read from a class-path resource: one term per line, an optional TAB and
 * weight, {@code #} comments. Terms are normalised like the text they are matched
 * against.
 */
record WeightedTerms(Map<String, Double> weights) {

	WeightedTerms {
		weights = Map.copyOf(weights);
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

	/**
	 * The terms found in already normalised text, each counted once, with their weights.
	 */
	Map<String, Double> find(String normalised) {
		Map<String, Double> found = new LinkedHashMap<>();
		this.weights.forEach((term, weight) -> {
			if (normalised.contains(term)) {
				found.put(term, weight);
			}
		});
		return found;
	}

}
