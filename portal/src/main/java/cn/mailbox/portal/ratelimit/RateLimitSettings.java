package cn.mailbox.portal.ratelimit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portal.rate-limits}: how often each action may be done, per client address, per
 * network (/24 for IPv4, /64 for IPv6), per contact (submissions only) and in total. Each
 * value is a {@link Limit} ({@code 10/1m,30/1h} or {@code none}). Guessing tracking codes
 * and staff passwords is limited hard; writing letters generously enough for a family
 * behind one address.
 *
 * @param exempt CIDR blocks never limited (health checks, the city's own tools)
 * @param maxBuckets how many buckets the local store keeps before it forgets idle ones
 * @param store where the buckets live: in this process ({@code local}, the default), or
 * in the database, shared by every instance that uses it ({@code postgresql})
 */
@ConfigurationProperties("portal.rate-limits")
public record RateLimitSettings(@DefaultValue Submit submit, @DefaultValue Track track, @DefaultValue Feedback feedback,
		@DefaultValue Login login, @DefaultValue FailedLogin failedLogin, @DefaultValue List<String> exempt,
		@DefaultValue("100000") int maxBuckets, @DefaultValue("local") Store store) {

	public RateLimitSettings {
		exempt = List.copyOf(exempt);
		if (maxBuckets < 100) {
			throw new IllegalArgumentException("portal.rate-limits.max-buckets must be at least 100");
		}
	}

	/** Where the token buckets live. */
	public enum Store {

		/** {@link LocalBucketStore}: per instance, in memory. */
		LOCAL,

		/** {@link PostgresBucketStore}: shared through the database. */
		POSTGRESQL

	}

	/** The limits of one action, in the order they are checked. */
	public sealed interface ActionLimits permits Submit, Track, Feedback, Login, FailedLogin {

		Limit perAddress();

		Limit perNetwork();

		default Limit perContact() {
			return Limit.NONE;
		}

		Limit global();

	}

	/** {@code POST /api/v1/letters} and the form's {@code POST /letters}. */
	public record Submit(@DefaultValue("5/1m,30/1h,100/1d") Limit perAddress,
			@DefaultValue("60/1m,600/1h") Limit perNetwork, @DefaultValue("5/1h,20/1d") Limit perContact,
			@DefaultValue("1200/1m") Limit global) implements ActionLimits {
	}

	/** {@code GET /api/v1/letters/{n}} and {@code POST /track}: guessing codes. */
	public record Track(@DefaultValue("20/10m,100/1d") Limit perAddress, @DefaultValue("200/10m") Limit perNetwork,
			@DefaultValue("6000/1m") Limit global) implements ActionLimits {
	}

	/** {@code POST /api/v1/letters/{n}/feedback} and {@code POST /track/feedback}. */
	public record Feedback(@DefaultValue("10/10m") Limit perAddress, @DefaultValue("100/10m") Limit perNetwork,
			@DefaultValue("1200/1m") Limit global) implements ActionLimits {
	}

	/** Every request with credentials to {@code /api/v1/staff/**}. */
	public record Login(@DefaultValue("300/15m") Limit perAddress, @DefaultValue("1000/15m") Limit perNetwork,
			@DefaultValue("6000/1m") Limit global) implements ActionLimits {
	}

	/**
	 * Staff requests whose credentials were refused (401): password guessing. Once spent,
	 * even a right password waits.
	 */
	public record FailedLogin(@DefaultValue("10/15m") Limit perAddress, @DefaultValue("30/15m") Limit perNetwork,
			@DefaultValue("1000/15m") Limit global) implements ActionLimits {
	}

}
