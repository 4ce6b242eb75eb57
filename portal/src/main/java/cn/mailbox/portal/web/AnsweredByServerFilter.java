package cn.mailbox.portal.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Ends quietly an exchange that Reactor Netty has already answered itself. When a request
 * body cannot be decoded (a chunk whose size line lies), Netty sends its own 400 and
 * closes the connection, yet the request still reaches the handler, whose body then
 * fails; the portal's problem+json 400 can no longer be written ("Status and headers
 * already sent"), and Spring logged that as a 500 with a stack trace although the client
 * got a 400. An operator would chase that error for nothing. Only an exchange that Spring
 * never committed while Netty has sent headers is ended here, so an error in the middle
 * of an answer the portal did start (an export that fails half-way) is still logged.
 */
final class AnsweredByServerFilter implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(AnsweredByServerFilter.class);

	/** What Reactor Netty throws when asked for a status it has already sent. */
	private static final String HEADERS_SENT = "Status and headers already sent";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).onErrorResume((ex) -> answeredByServer(exchange, ex), (ex) -> {
			log.debug("{} {} was answered by the server before the portal could: {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex.toString());
			return Mono.empty();
		});
	}

	static boolean answeredByServer(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof IllegalStateException) || !HEADERS_SENT.equals(ex.getMessage())) {
			return false;
		}
		Object response = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
		return response instanceof HttpServerResponse netty && netty.hasSentHeaders();
	}

	/** Outside every other filter, so that it also sees their failed answers. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
