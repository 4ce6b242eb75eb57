package cn.mailbox.portal.ratelimit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The bandwidths one bucket enforces together, written {@code 10/1m,30/1h} (a request
 * passes only when every bandwidth has a token), or {@code none} for no limit. Spring
 * binds configuration text to it through {@link #of(String)}.
 */
public record Limit(List<Rate> rates) {

	public static final Limit NONE = new Limit(List.of());

	public Limit {
		rates = List.copyOf(rates);
	}

	public static Limit of(String text) {
		if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("none")) {
			return NONE;
		}
		return new Limit(Arrays.stream(text.split(",")).map(Rate::parse).toList());
	}

	public boolean isNone() {
		return this.rates.isEmpty();
	}

	/**
	 * After this long without use the bucket is full again, so forgetting it loses
	 * nothing.
	 */
	Duration refillsCompletelyIn() {
		return this.rates.stream().map(Rate::period).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
	}

	@Override
	public String toString() {
		if (isNone()) {
			return "none";
		}
		return String.join(",", this.rates.stream().map(Limit::text).toList());
	}

	private static String text(Rate rate) {
		long seconds = rate.period().toSeconds();
		if (seconds % 86_400 == 0) {
			return rate.tokens() + "/" + (seconds / 86_400) + "d";
		}
		if (seconds % 3_600 == 0) {
			return rate.tokens() + "/" + (seconds / 3_600) + "h";
		}
		if (seconds % 60 == 0) {
			return rate.tokens() + "/" + (seconds / 60) + "m";
		}
		return rate.tokens() + "/" + seconds + "s";
	}

}
