package cn.mailbox.portal.ratelimit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bandwidth: at most {@code tokens} per {@code period}, refilled smoothly. Written
 * {@code 10/1m}; units {@code s}, {@code m}, {@code h}, {@code d}.
 */
public record Rate(long tokens, Duration period) {

	private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,6})\\s*([smhd])\\s*");

	public Rate {
		if (tokens < 1) {
			throw new IllegalArgumentException("A rate needs at least one token: " + tokens);
		}
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("A rate needs a positive period: " + period);
		}
	}

	public static Rate parse(String text) {
		Matcher matcher = TEXT.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a rate (like 10/1m): '" + text + "'");
		}
		long amount = Long.parseLong(matcher.group(2));
		Duration period = switch (matcher.group(3)) {
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		};
		return new Rate(Long.parseLong(matcher.group(1)), period);
	}

}
