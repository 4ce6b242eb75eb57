package cn.mailbox.portal.security;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.result.view.ViewResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach what. Citizens and the public need no account; staff scripts use HTTP
 * Basic on {@code /api/v1/staff/**}. The JSON API is stateless and carries no cookies
 * that matter, so it needs no CSRF token; HTML forms do. Pages get a strict
 * Content-Security-Policy: no inline script or style anywhere, so a hostile letter shown
 * on a page cannot run.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * Also the firewall's {@code ServerExchangeRejectedHandler}, which
	 * {@code WebFluxSecurityConfiguration} picks up by type.
	 */
	@Bean
	SecurityRefusals securityRefusals(MessageSource messages, JsonMapper json,
			ViewResolver thymeleafReactiveViewResolver) {
		return new SecurityRefusals(messages, json, thymeleafReactiveViewResolver);
	}

	@Bean
	UnreadableFormFilter unreadableFormFilter(SecurityRefusals refusals) {
		return new UnreadableFormFilter(refusals);
	}

	/**
	 * The citizens' and the public's JSON API ({@code /api/**} but the staff API) has no
	 * account, session or cookie, so it gets a chain of its own with only the security
	 * headers: each submission used to pass the session, CSRF-matching, Basic and
	 * authorisation filters the staff need, for nothing (the security filters were about
	 * a tenth of a submission's CPU time). It authorises nothing either: every request is
	 * permitted, so it has no authorisation filter (which only asked, for each
	 * submission, whether "any exchange" matched, and logged that it did).
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityWebFilterChain publicApiSecurityWebFilterChain(ServerHttpSecurity http, SecurityRefusals refusals) {
		return http.securityMatcher(PathMatcher.anyOf("/api/**").except("/api/v1/staff/**"))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			// The same headers as securityHeaders(..) writes, in one pass.
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.addFilterAt(new HttpHeaderWriterWebFilter(new ApiSecurityHeaders(CONTENT_SECURITY_POLICY)),
					SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
			.build();
	}

	/**
	 * No observations of Spring Security's own: with observations off by property
	 * ({@code management.observations.enable.spring.security}) Spring Security still
	 * wrapped every filter of every chain, and the authorisation managers, in decorators
	 * that opened a no-op observation per filter and request. This setting leaves them
	 * out. The requests' own metrics ({@code http.server.requests}) stay.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, SecurityRefusals refusals) {
		return http
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/api/v1/staff/**")
				.authenticated()
				.pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info")
				.permitAll()
				.pathMatchers("/actuator/**")
				.hasRole("ADMIN")
				.anyExchange()
				.permitAll())
			.httpBasic((basic) -> basic.authenticationEntryPoint(refusals))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.csrf((csrf) -> csrf.csrfTokenRequestHandler(csrfTokenHandler())
				.accessDeniedHandler(refusals)
				.requireCsrfProtectionMatcher(
						new AndServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/**"),
								new NegatedServerWebExchangeMatcher(
										ServerWebExchangeMatchers.pathMatchers("/api/**")))))
			.headers(SecurityConfiguration::securityHeaders)
			.build();
	}

	private static void securityHeaders(ServerHttpSecurity.HeaderSpec headers) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions((frame) -> frame.mode(Mode.DENY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
	}

	/**
	 * BREACH-safe tokens, masked with a DRBG seeded once at start-up: the platform
	 * default SecureRandom would read /dev/urandom inside every page render on an
	 * event-loop thread.
	 */
	public static XorServerCsrfTokenRequestAttributeHandler csrfTokenHandler() {
		XorServerCsrfTokenRequestAttributeHandler handler = new XorServerCsrfTokenRequestAttributeHandler();
		try {
			SecureRandom drbg = SecureRandom.getInstance("DRBG");
			drbg.nextBytes(new byte[32]);
			handler.setSecureRandom(drbg);
		}
		catch (NoSuchAlgorithmException ex) {
			// Keep Spring Security's default source.
		}
		return handler;
	}

	/**
	 * bcrypt by default, with the algorithm recorded in each hash so it can be upgraded
	 * later.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
