package cn.mailbox.portal.intake;

/**
 * The same Idempotency-Key came with a different letter: refusing is the only safe
 * answer.
 */
public class IdempotencyKeyReused extends RuntimeException {

	IdempotencyKeyReused() {
		super("Idempotency-Key reused with a different request", null, false, false);
	}

}
