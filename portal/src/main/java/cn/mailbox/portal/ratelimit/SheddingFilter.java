package cn.mailbox.portal.ratelimit;

import java.time.Duration;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Lets a submission through only with a permit of the {@link SubmissionGate}, held until
 * the answer is written; without one it answers 503 with {@code Retry-After} at once.
 * Runs after the rate limits, so a client over its limit never takes a permit.
 */
final class SheddingFilter implements WebFilter, Ordered {

	private final SubmissionGate gate;

	private final Duration retryAfter;

	private final Rejections rejections;

	SheddingFilter(SubmissionGate gate, Duration retryAfter, Rejections rejections) {
		this.gate = gate;
		this.retryAfter = retryAfter;
		this.rejections = rejections;
	}

	@Override
	public int getOrder() {
		return RateLimitFilter.ORDER + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (RateLimitFilter.Action.of(exchange.getRequest()) != RateLimitFilter.Action.SUBMIT) {
			return chain.filter(exchange);
		}
		// The permit goes back however the answer ends (written, failed or cancelled);
		// lighter than Mono.usingWhen, whose asynchronous clean-up this does not need.
		return this.gate.acquire()
			.flatMap((permit) -> Mono.defer(() -> chain.filter(exchange)).doFinally((signal) -> permit.release()))
			.onErrorResume(Overloaded.class, (overloaded) -> this.rejections.overloaded(exchange, this.retryAfter));
	}

}
