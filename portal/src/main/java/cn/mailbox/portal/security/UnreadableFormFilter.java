package cn.mailbox.portal.security;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Reads a posted form once, before Spring Security's CSRF filter does. A form whose
 * percent-encoding is broken ({@code title=%zz}) makes the form reader throw inside that
 * filter, outside any controller, which answered 500; here it is a 400 error page. So did
 * a form over the codec's size limit (256 KB), now a 413 page. The exchange caches the
 * parsed form, so the controllers read it again for free.
 */
final class UnreadableFormFilter implements WebFilter, Ordered {

	/**
	 * After the rate limits (-200), just before Spring Security's
	 * {@code WebFilterChainProxy} (-100).
	 */
	static final int ORDER = -101;

	private final SecurityRefusals refusals;

	UnreadableFormFilter(SecurityRefusals refusals) {
		this.refusals = refusals;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		MediaType type;
		try {
			type = exchange.getRequest().getHeaders().getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			// Not a form: the handler answers 415.
			return chain.filter(exchange);
		}
		if (!HttpMethod.POST.equals(exchange.getRequest().getMethod()) || type == null
				|| !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
			return chain.filter(exchange);
		}
		return exchange.getFormData()
			.thenReturn(Form.READ)
			.onErrorResume(UnreadableFormFilter::tooLarge, (large) -> Mono.just(Form.TOO_LARGE))
			.onErrorResume(IllegalArgumentException.class, (unreadable) -> Mono.just(Form.UNREADABLE))
			.flatMap((form) -> switch (form) {
				case READ -> chain.filter(exchange);
				case TOO_LARGE -> this.refusals.tooLarge(exchange);
				case UNREADABLE -> this.refusals.badRequest(exchange);
			});
	}

	private static boolean tooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException) {
				return true;
			}
		}
		return false;
	}

	private enum Form {

		READ, TOO_LARGE, UNREADABLE

	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
