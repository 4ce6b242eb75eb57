package cn.mailbox.portal.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's own refusals in the portal's shapes: a 401 or 403 of the JSON API is
 * problem+json with a detail in the reader's language (Spring's default is an empty
 * body), and a refused form on a page (a missing or stale CSRF token) is the friendly
 * error page (the default is a line of plain text). The 401 keeps its
 * {@code WWW-Authenticate} challenge so HTTP Basic clients still work. Requests the
 * firewall rejects (encoded slashes, semicolons, NUL in a path: Spring's default is an
 * empty 400) and forms whose encoding cannot be read get a 400 in the same shapes.
 */
public final class SecurityRefusals
		implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

	private static final String TYPE_BASE = "https://mailbox.example/problems/";

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final MessageSource messages;

	private final JsonMapper json;

	private final ViewResolver views;

	public SecurityRefusals(MessageSource messages, JsonMapper json, ViewResolver views) {
		this.messages = messages;
		this.json = json;
		this.views = views;
	}

	/**
	 * Not signed in (or wrong credentials) on the staff API: 401 with the Basic
	 * challenge.
	 */
	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mailbox\"");
		return refuse(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "problem.unauthorized", "error.unauthorized");
	}

	/** Signed in without the role, or a form without a valid CSRF token: 403. */
	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return refuse(exchange, HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden", "error.forbidden");
	}

	/** A path or header the firewall refuses ({@code %2F}, {@code ;}, NUL...): 400. */
	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
		return badRequest(exchange);
	}

	/** A request the portal cannot read at all: 400 with the generic explanation. */
	public Mono<Void> badRequest(ServerWebExchange exchange) {
		return refuse(exchange, HttpStatus.BAD_REQUEST, "unreadable", "problem.badRequest", "error.badRequest");
	}

	/** A body over the size limit read outside any controller (a huge form): 413. */
	public Mono<Void> tooLarge(ServerWebExchange exchange) {
		return refuse(exchange, HttpStatus.CONTENT_TOO_LARGE, "too-large", "problem.tooLarge", "error.tooLarge");
	}

	private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String type, String problemKey,
			String pageKey) {
		var response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(status);
		hardened(response.getHeaders());
		Locale locale = locale(exchange);
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (path.startsWith("/api/") || path.startsWith("/actuator")) {
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", URI.create(TYPE_BASE + type).toString());
			problem.put("title", this.messages.getMessage("problem.title." + status.value(), null,
					status.getReasonPhrase(), locale));
			problem.put("status", status.value());
			problem.put("detail", this.messages.getMessage(problemKey, null, status.getReasonPhrase(), locale));
			problem.put("instance", path);
			byte[] body = this.json.writeValueAsBytes(problem);
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			response.getHeaders().setContentLength(body.length);
			return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
		}
		return this.views.resolveViewName("error-page", locale)
			.flatMap((view) -> view.render(Map.of("messageKey", pageKey), HTML, exchange));
	}

	/**
	 * The firewall and the form check answer before Spring Security's header writer runs,
	 * so every refusal sets the headers itself: the error page has no script and no form.
	 */
	private static void hardened(HttpHeaders headers) {
		headers.setCacheControl("no-store");
		headers.set("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		headers.set("Referrer-Policy", "same-origin");
	}

	private static Locale locale(ServerWebExchange exchange) {
		Locale locale = exchange.getLocaleContext().getLocale();
		return (locale != null) ? locale : Locale.SIMPLIFIED_CHINESE;
	}

}
