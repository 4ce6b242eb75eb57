package cn.mailbox.portal.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import static org.assertj.core.api.Assertions.assertThat;

class PathMatcherTests {

	private static final List<String> PATHS = List.of("/", "/api", "/api/", "/api/v1/letters", "/api/v1/letters/",
			"/api/v1/letters/SZ-20261122-000001", "/api/v1/staff", "/api/v1/staff/", "/api/v1/staff/letters",
			"/api/v1/staffing", "/apis", "/API/v1/letters", "/console", "/console/", "/console/letters/1", "/login",
			"/login/", "/logout", "/loginx", "/letters", "/track", "/actuator/health", "/api//v1/staff/letters",
			"/api/v1/../v1/staff/letters");

	@Test
	void choosesThePublicApiChainForTheSamePathsAsSpringSecuritysMatchers() {
		ServerWebExchangeMatcher spring = new AndServerWebExchangeMatcher(
				ServerWebExchangeMatchers.pathMatchers("/api/**"),
				new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers("/api/v1/staff/**")));
		assertSameAnswers(PathMatcher.anyOf("/api/**").except("/api/v1/staff/**"), spring);
	}

	@Test
	void choosesTheConsoleChainForTheSamePathsAsSpringSecuritysMatchers() {
		assertSameAnswers(PathMatcher.anyOf("/console/**", "/login", "/logout"),
				ServerWebExchangeMatchers.pathMatchers("/console/**", "/login", "/logout"));
	}

	private static void assertSameAnswers(ServerWebExchangeMatcher quiet, ServerWebExchangeMatcher spring) {
		for (String path : PATHS) {
			MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(path));
			assertThat(quiet.matches(exchange).block().isMatch()).as(path)
				.isEqualTo(spring.matches(exchange).block().isMatch());
		}
	}

}
