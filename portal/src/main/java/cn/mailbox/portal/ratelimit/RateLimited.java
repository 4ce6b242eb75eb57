package cn.mailbox.portal.ratelimit;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A limit was reached; try again after {@link #retryAfter()}. Answered 429 with
 * {@code Retry-After}: problem+json for the API, a page for people. It is a
 * {@link ResponseStatusException} so that even a handler that knows nothing of it answers
 * 429.
 */
public class RateLimited extends ResponseStatusException {

	private final Duration retryAfter;

	public RateLimited(Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS);
		this.retryAfter = retryAfter;
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Rejections.seconds(this.retryAfter)));
		return headers;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
