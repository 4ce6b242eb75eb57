package cn.mailbox.portal.ratelimit;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a 429 or 503 with {@code Retry-After}: problem+json in the reader's language for
 * the API (the same shape as {@code ApiProblems}), the friendly error page for people. It
 * runs in a filter, outside any controller, so it renders the page through the view
 * resolver itself.
 */
final class Rejections {

	private static final String TYPE_BASE = "https://mailbox.example/problems/";

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

	private final MessageSource messages;

	private final JsonMapper json;

	private final ViewResolver views;

	Rejections(MessageSource messages, JsonMapper json, ViewResolver views) {
		this.messages = messages;
		this.json = json;
		this.views = views;
	}

	Mono<Void> tooManyRequests(ServerWebExchange exchange, Duration retryAfter) {
		return reject(exchange, HttpStatus.TOO_MANY_REQUESTS, retryAfter, "rate-limited", "problem.rateLimited",
				"error.rateLimited");
	}

	Mono<Void> overloaded(ServerWebExchange exchange, Duration retryAfter) {
		return reject(exchange, HttpStatus.SERVICE_UNAVAILABLE, retryAfter, "overloaded", "problem.overloaded",
				"error.overloaded");
	}

	/** Whole seconds, rounded up, at least one: what {@code Retry-After} carries. */
	static long seconds(Duration wait) {
		long seconds = wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

	private Mono<Void> reject(ServerWebExchange exchange, HttpStatus status, Duration retryAfter, String type,
			String problemKey, String pageKey) {
		var response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(status);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
		response.getHeaders().setCacheControl("no-store");
		hardened(response.getHeaders());
		Locale locale = locale(exchange);
		if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api/")) {
			return problem(exchange, status, type, problemKey, locale);
		}
		return this.views.resolveViewName("error-page", locale)
			.flatMap((view) -> view.render(Map.of("messageKey", pageKey), HTML, exchange));
	}

	/**
	 * The answer leaves before Spring Security's header writer runs, so it carries its
	 * own: the page has no script and no form, hence a policy stricter than the site's.
	 */
	private static void hardened(HttpHeaders headers) {
		headers.set("Content-Security-Policy",
				"default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; "
						+ "frame-ancestors 'none'");
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		headers.set("Referrer-Policy", "same-origin");
	}

	/**
	 * A refused API submission answered outside WebFlux: the same status, headers and
	 * problem as {@link #tooManyRequests} and {@link #overloaded} write, or (type
	 * {@code unavailable}) as {@code ApiProblems} writes for a database out of reach.
	 */
	SubmissionAdmission.Refusal refusal(HttpStatus status, Duration retryAfter, String type, String problemKey,
			Locale locale, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
		headers.setCacheControl("no-store");
		hardened(headers);
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new SubmissionAdmission.Refusal(status, headers, problemBody(status, type, problemKey, locale, path));
	}

	private byte[] problemBody(HttpStatus status, String type, String key, Locale locale, String path) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", URI.create(TYPE_BASE + type).toString());
		problem.put("title",
				this.messages.getMessage("problem.title." + status.value(), null, status.getReasonPhrase(), locale));
		problem.put("status", status.value());
		problem.put("detail", this.messages.getMessage(key, null, status.getReasonPhrase(), locale));
		problem.put("instance", path);
		return this.json.writeValueAsBytes(problem);
	}

	private Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String type, String key, Locale locale) {
		byte[] body = problemBody(status, type, key, locale, exchange.getRequest().getPath().value());
		var response = exchange.getResponse();
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	private static Locale locale(ServerWebExchange exchange) {
		Locale locale = exchange.getLocaleContext().getLocale();
		return (locale != null) ? locale : Locale.SIMPLIFIED_CHINESE;
	}

}
