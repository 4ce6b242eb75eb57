package cn.mailbox.portal.ratelimit;

/**
 * No permit for a submission within the short wait: answered 503 with
 * {@code Retry-After}. Carries no stack trace: it is a decision, not a fault, and storms
 * make many of them. Intake's group commit raises it too when its queue is full.
 */
public final class Overloaded extends RuntimeException {

	public Overloaded() {
		super("overloaded", null, false, false);
	}

}
