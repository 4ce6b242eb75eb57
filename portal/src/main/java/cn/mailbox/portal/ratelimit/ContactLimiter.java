package cn.mailbox.portal.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import cn.mailbox.portal.ratelimit.RateLimitSettings.ActionLimits;
import cn.mailbox.portal.screening.OwnContacts;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The per-contact limit of submissions, for intake to call once it has read the letter:
 * the same phone or e-mail address may not write more than
 * {@code portal.rate-limits.submit.per-contact}, whatever address it writes from. Phones
 * are compared by their digits, e-mail addresses without case; both are hashed before
 * they become a key.
 *
 * <p>
 * It counts only submissions that came in through the web routes and from a client that
 * is not exempt ({@link RateLimitFilter} marks them); letters submitted by other code are
 * not a citizen writing. <pre class="code">
 * contactLimiter.check(letter.phone(), letter.email()).then(store(letter))
 * </pre>
 */
public final class ContactLimiter {

	/** The Reactor context key the filter sets for a limited submission. */
	static final String LIMITED_SUBMISSION = ContactLimiter.class.getName() + ".limited";

	private final Limiter limiter;

	private final ActionLimits limits;

	ContactLimiter(Limiter limiter, ActionLimits limits) {
		this.limiter = limiter;
		this.limits = limits;
		hash("warm-up");
	}

	/**
	 * Completes empty when the contact may write, errors with {@link RateLimited} when it
	 * has written enough for now. Null or blank contacts are not counted.
	 */
	public Mono<Void> check(String phone, String email) {
		if (this.limits.perContact().isNone()) {
			return Mono.empty();
		}
		return Mono.deferContextual((context) -> context.hasKey(LIMITED_SUBMISSION)
				? Flux.concat(take(phoneKey(phone)), take(emailKey(email))).then() : Mono.empty());
	}

	private Mono<Void> take(String contact) {
		return (contact == null) ? Mono.empty()
				: this.limiter.takeForContact(RateLimitFilter.Action.SUBMIT.key(), this.limits, hash(contact));
	}

	private static String phoneKey(String phone) {
		if (phone == null) {
			return null;
		}
		// The same digits as the sender key of the duplicate screen, without a regular
		// expression compiled per submission.
		String digits = OwnContacts.digits(phone);
		if (digits.startsWith("86") && digits.length() == 13) {
			digits = digits.substring(2);
		}
		return digits.isEmpty() ? null : "phone:" + digits;
	}

	private static String emailKey(String email) {
		if (email == null || email.isBlank()) {
			return null;
		}
		return "email:" + email.strip().toLowerCase(Locale.ROOT);
	}

	private static String hash(String contact) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(contact.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
