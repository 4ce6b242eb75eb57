package cn.mailbox.portal.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portal.intake.group-commit}: how submissions share transactions. One commit (one
 * WAL flush) for many letters is what lets the portal come near PostgreSQL's own insert
 * rate; a citizen still hears back only after the commit that holds their letter.
 *
 * @param enabled false writes every letter in a transaction of its own
 * @param maxBatch letters in one transaction at most; at most 64 so that the per-letter
 * savepoints never overflow PostgreSQL's subtransaction cache
 * @param maxQueued letters waiting for a transaction; more are answered 503 at once
 * @param maxWait how long the first letter of an idle batcher waits for company
 * @param maxInFlight batches written at the same time, each in its own transaction
 */
@ConfigurationProperties("portal.intake.group-commit")
public record GroupCommitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("64") int maxBatch,
		@DefaultValue("256") int maxQueued, @DefaultValue("1ms") Duration maxWait, @DefaultValue("2") int maxInFlight) {

	public GroupCommitSettings {
		if (maxBatch < 1 || maxBatch > 64) {
			throw new IllegalArgumentException("portal.intake.group-commit.max-batch must be 1 to 64");
		}
		if (maxQueued < 1) {
			throw new IllegalArgumentException("portal.intake.group-commit.max-queued must be positive");
		}
		if (maxInFlight < 1) {
			throw new IllegalArgumentException("portal.intake.group-commit.max-in-flight must be positive");
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("portal.intake.group-commit.max-wait must not be negative");
		}
	}

}
