package cn.mailbox.portal.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The security headers of the public API's answers, written as Spring Security's default
 * header writers with this portal's settings write them ({@code SecurityConfiguration}'s
 * header spec): the same headers, values and rules (each group only when none of its
 * headers is set yet; no cache headers on a 304; HSTS over HTTPS only, by Spring
 * Security's own writer). Spring Security's writers run one after another as a Flux, and
 * each copied its own header names and the answer's into a new case-insensitive map to
 * look them up (Spring 7's {@code HttpHeaders.headerNames()}); for every submission that
 * was 2 % of the portal's CPU. Here it is a few direct lookups.
 */
public final class ApiSecurityHeaders implements ServerHttpHeadersWriter {

	private static final String CACHE_CONTROL = "Cache-Control";

	private static final String PRAGMA = "Pragma";

	private static final String EXPIRES = "Expires";

	private final String contentSecurityPolicy;

	private final StrictTransportSecurityServerHttpHeadersWriter hsts = new StrictTransportSecurityServerHttpHeadersWriter();

	ApiSecurityHeaders(String contentSecurityPolicy) {
		this.contentSecurityPolicy = contentSecurityPolicy;
	}

	@Override
	public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
		write(exchange.getResponse().getHeaders(), exchange.getResponse().getStatusCode() == HttpStatus.NOT_MODIFIED,
				this.contentSecurityPolicy);
		return this.hsts.writeHttpHeaders(exchange);
	}

	/**
	 * The public API's security headers on an answer written outside WebFlux (intake's
	 * direct route), after its own headers, as the chain writes them.
	 * @param secure whether the request came over HTTPS (then also HSTS, as Spring
	 * Security's writer sets it by default)
	 */
	public static void writeTo(HttpHeaders headers, boolean secure) {
		write(headers, false, SecurityConfiguration.CONTENT_SECURITY_POLICY);
		if (secure) {
			addIfAbsent(headers, "Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
		}
	}

	private static void write(HttpHeaders headers, boolean notModified, String contentSecurityPolicy) {
		if (!notModified && !headers.containsHeader(CACHE_CONTROL) && !headers.containsHeader(PRAGMA)
				&& !headers.containsHeader(EXPIRES)) {
			headers.add(CACHE_CONTROL, CacheControlServerHttpHeadersWriter.CACHE_CONTROL_VALUE);
			headers.add(PRAGMA, CacheControlServerHttpHeadersWriter.PRAGMA_VALUE);
			headers.add(EXPIRES, CacheControlServerHttpHeadersWriter.EXPIRES_VALUE);
		}
		addIfAbsent(headers, ContentTypeOptionsServerHttpHeadersWriter.X_CONTENT_OPTIONS,
				ContentTypeOptionsServerHttpHeadersWriter.NOSNIFF);
		addIfAbsent(headers, XFrameOptionsServerHttpHeadersWriter.X_FRAME_OPTIONS, Mode.DENY.name());
		addIfAbsent(headers, XXssProtectionServerHttpHeadersWriter.X_XSS_PROTECTION, "0");
		addIfAbsent(headers, ContentSecurityPolicyServerHttpHeadersWriter.CONTENT_SECURITY_POLICY,
				contentSecurityPolicy);
		addIfAbsent(headers, ReferrerPolicyServerHttpHeadersWriter.REFERRER_POLICY,
				ReferrerPolicy.SAME_ORIGIN.getPolicy());
	}

	private static void addIfAbsent(HttpHeaders headers, String name, String value) {
		if (!headers.containsHeader(name)) {
			headers.add(name, value);
		}
	}

}
