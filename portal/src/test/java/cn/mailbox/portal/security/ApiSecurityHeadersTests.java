package cn.mailbox.portal.security;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ApiSecurityHeadersTests {

	private final ApiSecurityHeaders headers = new ApiSecurityHeaders(SecurityConfiguration.CONTENT_SECURITY_POLICY);

	@Test
	void writesWhatSpringSecuritysWritersWriteWithThePortalsSettings() {
		assertSameHeaders("http://localhost/api/v1/letters", (response) -> {
		});
	}

	@Test
	void addsStrictTransportSecurityOverHttpsOnly() {
		assertThat(assertSameHeaders("https://localhost/api/v1/letters", (response) -> {
		}).containsHeader("Strict-Transport-Security")).isTrue();
		assertThat(assertSameHeaders("http://localhost/api/v1/letters", (response) -> {
		}).containsHeader("Strict-Transport-Security")).isFalse();
	}

	@Test
	void keepsTheAnswersOwnCacheHeadersAndSkipsThemOnNotModified() {
		assertThat(assertSameHeaders("http://localhost/api/v1/letters",
				(response) -> response.getHeaders().set("Cache-Control", "no-store"))
			.get("Cache-Control")).containsExactly("no-store");
		assertSameHeaders("http://localhost/api/v1/letters",
				(response) -> response.getHeaders().set("expires", "Thu, 01 Jan 1970 00:00:00 GMT"));
		assertThat(assertSameHeaders("http://localhost/api/v1/archive",
				(response) -> response.setStatusCode(HttpStatus.NOT_MODIFIED))
			.containsHeader("Cache-Control")).isFalse();
	}

	@Test
	void keepsHeadersTheAnswerAlreadySet() {
		assertThat(assertSameHeaders("http://localhost/api/v1/letters", (response) -> {
			response.getHeaders().set("X-Frame-Options", "SAMEORIGIN");
			response.getHeaders().set("content-security-policy", "default-src 'none'");
		}).get("X-Frame-Options")).containsExactly("SAMEORIGIN");
	}

	private HttpHeaders assertSameHeaders(String uri,
			Consumer<org.springframework.mock.http.server.reactive.MockServerHttpResponse> answer) {
		MockServerWebExchange ours = MockServerWebExchange.from(MockServerHttpRequest.post(uri));
		answer.accept(ours.getResponse());
		this.headers.writeHttpHeaders(ours).block();
		MockServerWebExchange springs = MockServerWebExchange.from(MockServerHttpRequest.post(uri));
		answer.accept(springs.getResponse());
		springSecurityDefaults().writeHttpHeaders(springs).block();
		assertThat(ours.getResponse().getHeaders().toSingleValueMap())
			.isEqualTo(springs.getResponse().getHeaders().toSingleValueMap());
		assertThat(ours.getResponse().getHeaders().headerNames())
			.containsExactlyInAnyOrderElementsOf(springs.getResponse().getHeaders().headerNames());
		return ours.getResponse().getHeaders();
	}

	/**
	 * What {@code ServerHttpSecurity.headers()} builds with the main chain's settings.
	 */
	private static ServerHttpHeadersWriter springSecurityDefaults() {
		XFrameOptionsServerHttpHeadersWriter frameOptions = new XFrameOptionsServerHttpHeadersWriter();
		frameOptions.setMode(Mode.DENY);
		ContentSecurityPolicyServerHttpHeadersWriter csp = new ContentSecurityPolicyServerHttpHeadersWriter();
		csp.setPolicyDirectives(SecurityConfiguration.CONTENT_SECURITY_POLICY);
		ReferrerPolicyServerHttpHeadersWriter referrer = new ReferrerPolicyServerHttpHeadersWriter();
		referrer.setPolicy(ReferrerPolicy.SAME_ORIGIN);
		return new CompositeServerHttpHeadersWriter(new CacheControlServerHttpHeadersWriter(),
				new ContentTypeOptionsServerHttpHeadersWriter(), new StrictTransportSecurityServerHttpHeadersWriter(),
				frameOptions, new XXssProtectionServerHttpHeadersWriter(), csp, referrer);
	}

}
