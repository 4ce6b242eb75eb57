package cn.mailbox.portal.notification;

import java.time.Clock;
import java.time.Instant;

import cn.mailbox.moderation.notification.NotificationOutbox;
import cn.mailbox.moderation.notification.PendingMail;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Mails pending citizen notices. On only when {@code spring.mail.host} is set (then
 * Spring Boot configures the {@link JavaMailSender}); otherwise the notices stay on the
 * tracking page only.
 * <p>
 * Jakarta Mail blocks, so each send runs on a small scheduler of its own, never on an
 * event loop. A failed send is retried with a doubling back-off; the notice is claimed
 * again only when its time has come, by whichever instance gets there first.
 */
@Component
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
public class CitizenMailer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(CitizenMailer.class);

	private final NotificationOutbox outbox;

	private final JavaMailSender mailSender;

	private final NoticeTexts texts;

	private final NotificationSettings settings;

	private final Clock clock;

	private final Scheduler smtp;

	CitizenMailer(NotificationOutbox outbox, JavaMailSender mailSender, NoticeTexts texts,
			NotificationSettings settings, Clock clock) {
		this.outbox = outbox;
		this.mailSender = mailSender;
		this.texts = texts;
		this.settings = settings;
		this.clock = clock;
		this.smtp = Schedulers.newBoundedElastic(settings.senderThreads(), 10_000, "citizen-mail");
	}

	@Scheduled(initialDelayString = "${portal.notifications.initial-delay:30s}",
			fixedDelayString = "${portal.notifications.interval:30s}")
	public Mono<Long> sendDue() {
		return sendDue(this.clock.instant());
	}

	/** One sending round as of {@code now}: answers how many mails went out. */
	public Mono<Long> sendDue(Instant now) {
		return this.outbox.claim(now, this.settings.lease(), this.settings.batchSize())
			.concatMap((pending) -> send(pending).then(this.outbox.markSent(pending.id(), this.clock.instant()))
				.thenReturn(1L)
				.onErrorResume((ex) -> failed(pending, ex, now).thenReturn(0L)))
			.reduce(0L, Long::sum)
			.doOnNext((sent) -> {
				if (sent > 0) {
					log.info("Mailed {} citizen notices", sent);
				}
			});
	}

	private Mono<Void> send(PendingMail pending) {
		return Mono.fromRunnable(() -> {
			NoticeTexts.Mail mail = this.texts.mail(pending, this.settings.trackingUrl());
			try {
				MimeMessage message = this.mailSender.createMimeMessage();
				MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
				helper.setFrom(this.settings.from());
				helper.setTo(pending.recipient());
				helper.setSubject(mail.subject());
				helper.setText(mail.body(), false);
				this.mailSender.send(message);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		}).subscribeOn(this.smtp).then();
	}

	private Mono<Void> failed(PendingMail pending, Throwable ex, Instant now) {
		boolean giveUp = pending.attempts() >= this.settings.maxAttempts();
		Instant retryAt = giveUp ? null : now.plus(this.settings.backoffAfter(pending.attempts()));
		log.warn("Mailing notice {} of {} failed (attempt {}{}): {}", pending.id(), pending.trackingNumber(),
				pending.attempts(), giveUp ? ", giving up" : ", retry at " + retryAt, ex.toString());
		return this.outbox.markFailed(pending.id(), ex.toString(), retryAt);
	}

	@Override
	public void destroy() {
		this.smtp.dispose();
	}

}
