package cn.mailbox.portal.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How citizen notifications are mailed. Mail itself is on only when
 * {@code spring.mail.host} is set (Spring Boot's {@code spring.mail.*} keys configure the
 * SMTP client); these keys shape the sending.
 *
 * @param from the sender address of the mails
 * @param trackingUrl the tracking page's public address, written into the mail so the
 * citizen can follow the link (no number or code is put into it); empty for none
 * @param interval the pause between two sending rounds of one instance
 * @param initialDelay the pause before the first round after start-up
 * @param batchSize how many notices one round claims at most
 * @param lease how long a claim keeps other instances off a notice; longer than one send
 * can take
 * @param initialBackoff the wait before the first retry; doubled after each failure
 * @param maxBackoff the longest wait between two attempts
 * @param maxAttempts attempts before a notice is given up ({@code failed}; it stays on
 * the tracking page)
 * @param senderThreads threads for the blocking SMTP client
 */
@ConfigurationProperties("portal.notifications")
public record NotificationSettings(@DefaultValue("noreply@mailbox.example") String from,
		@DefaultValue("") String trackingUrl, @DefaultValue("30s") Duration interval,
		@DefaultValue("30s") Duration initialDelay, @DefaultValue("20") int batchSize,
		@DefaultValue("5m") Duration lease, @DefaultValue("1m") Duration initialBackoff,
		@DefaultValue("6h") Duration maxBackoff, @DefaultValue("20") int maxAttempts,
		@DefaultValue("2") int senderThreads) {

	public NotificationSettings {
		if (batchSize < 1 || maxAttempts < 1 || senderThreads < 1) {
			throw new IllegalArgumentException("batch-size, max-attempts and sender-threads must be at least 1");
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("max-backoff must not be shorter than initial-backoff");
		}
	}

	/**
	 * The wait after the {@code attempts}-th failed attempt: initial, doubled each time,
	 * capped.
	 */
	Duration backoffAfter(int attempts) {
		Duration wait = this.initialBackoff;
		for (int i = 1; i < attempts && wait.compareTo(this.maxBackoff) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

}
