package cn.mailbox.portal.ratelimit;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a {@link RateLimited} raised inside a handler (the per-contact limit, checked
 * once the letter is read) exactly as the filter answers one: 429, {@code Retry-After},
 * problem+json or the page.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RateLimitedAdvice {

	private final Rejections rejections;

	RateLimitedAdvice(Rejections rejections) {
		this.rejections = rejections;
	}

	@ExceptionHandler(RateLimited.class)
	Mono<Void> rateLimited(RateLimited limited, ServerWebExchange exchange) {
		return this.rejections.tooManyRequests(exchange, limited.retryAfter());
	}

}
