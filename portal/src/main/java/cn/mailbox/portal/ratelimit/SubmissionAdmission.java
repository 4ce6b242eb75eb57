package cn.mailbox.portal.ratelimit;

import java.net.InetAddress;
import java.util.Locale;

import cn.mailbox.portal.web.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * What {@link RateLimitFilter} and {@link SheddingFilter} do for a submission, for a
 * route served outside WebFlux (intake's direct route): the submission rate limits of the
 * client's address unless it is exempt, then a permit of the {@link SubmissionGate} held
 * until the answer is written, in that order, so a client over its limit never takes a
 * permit.
 */
public final class SubmissionAdmission {

	private static final Logger log = LoggerFactory.getLogger(SubmissionAdmission.class);

	private final Limiter limiter;

	private final RateLimitSettings settings;

	private final SubmissionGate gate;

	private final OverloadSettings overload;

	private final Rejections rejections;

	SubmissionAdmission(Limiter limiter, RateLimitSettings settings, SubmissionGate gate, OverloadSettings overload,
			Rejections rejections) {
		this.limiter = limiter;
		this.settings = settings;
		this.gate = gate;
		this.overload = overload;
		this.rejections = rejections;
	}

	/**
	 * Runs {@code answer} (reading, storing and answering the submission) once admitted;
	 * errors with {@link RateLimited} or {@link Overloaded} when not. The per-contact
	 * limit inside {@code answer} counts, as it does for a submission the filters let
	 * through.
	 */
	public Mono<Void> admit(InetAddress client, Mono<Void> answer) {
		Mono<Void> gated = this.gate.acquire().flatMap((permit) -> answer.doFinally((signal) -> permit.release()));
		if (this.limiter.exempt(client)) {
			return gated;
		}
		return this.limiter.take(RateLimitFilter.Action.SUBMIT.key(), this.settings.submit(), client)
			.then(Mono
				.defer(() -> gated.contextWrite((context) -> context.put(ContactLimiter.LIMITED_SUBMISSION, true))));
	}

	/**
	 * The answer to a submission refused by a rate limit or for overload (429 or 503 with
	 * {@code Retry-After}, as the filters and {@code RateLimitedAdvice} write it), or
	 * failed because the database was out of reach (503 with {@code Retry-After}, as
	 * {@code ApiProblems} writes it), or null when {@code error} is none of these.
	 */
	public Refusal refusal(Throwable error, Locale locale, String path) {
		if (error instanceof RateLimited limited) {
			return this.rejections.refusal(HttpStatus.TOO_MANY_REQUESTS, limited.retryAfter(), "rate-limited",
					"problem.rateLimited", locale, path);
		}
		if (error instanceof Overloaded) {
			return this.rejections.refusal(HttpStatus.SERVICE_UNAVAILABLE, this.overload.retryAfter(), "overloaded",
					"problem.overloaded", locale, path);
		}
		if (DatabaseOutage.causes(error)) {
			log.warn("Database unavailable on POST {}: {}", path, error.toString());
			return this.rejections.refusal(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.RETRY_AFTER, "unavailable",
					"problem.unavailable", locale, path);
		}
		return null;
	}

	/** A 429 or 503: its status, headers (content type included) and problem body. */
	public record Refusal(HttpStatus status, HttpHeaders headers, byte[] body) {
	}

}
