package cn.mailbox.portal.ratelimit;

/**
 * No permit for a submission within the short wait: answered 503 with
 * {@code Retry-After}. Carries no stack trace: it is a decision, not a fault, and storms
 * make many of them.
 */
final class Overloaded extends RuntimeException {

	Overloaded() {
		super("overloaded", null, false, false);
	}

}
