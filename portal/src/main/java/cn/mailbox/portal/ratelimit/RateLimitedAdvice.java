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
 * problem+json or the page; and an {@link Overloaded} raised inside one (intake's group
 * commit queue is full) as the shedding filter answers one: 503.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RateLimitedAdvice {

	private final Rejections rejections;

	private final OverloadSettings overload;

	RateLimitedAdvice(Rejections rejections, OverloadSettings overload) {
		this.rejections = rejections;
		this.overload = overload;
	}

	@ExceptionHandler(RateLimited.class)
	Mono<Void> rateLimited(RateLimited limited, ServerWebExchange exchange) {
		return this.rejections.tooManyRequests(exchange, limited.retryAfter());
	}

	/** Intake's group commit had no room for the letter: 503 as the gate answers. */
	@ExceptionHandler(Overloaded.class)
	Mono<Void> overloaded(Overloaded overloaded, ServerWebExchange exchange) {
		return this.rejections.overloaded(exchange, this.overload.retryAfter());
	}

}
