package cn.mailbox.portal.intake;

import java.time.Instant;

/**
 * What a citizen is told once their letter is committed: the tracking number, the access
 * code (shown this once), the state and the time.
 *
 * @param replayed true when this answers a retry with a known Idempotency-Key
 * @param linkedTo the writer's own earlier letter this one repeats, or null
 */
public record SubmissionResult(String trackingNumber, String accessCode, String status, Instant receivedAt,
		boolean replayed, String linkedTo) {

	/** Never the access code, should this ever be logged. */
	@Override
	public String toString() {
		return "SubmissionResult[trackingNumber=" + this.trackingNumber + ", accessCode=(hidden), status=" + this.status
				+ "]";
	}

}
