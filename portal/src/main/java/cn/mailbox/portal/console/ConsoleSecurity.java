package cn.mailbox.portal.console;

import java.net.URI;

import cn.mailbox.portal.security.PathMatcher;
import cn.mailbox.portal.security.SecurityConfiguration;
import cn.mailbox.portal.security.SecurityRefusals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;

/**
 * The staff console signs in with a form and keeps a session, unlike the stateless staff
 * API. This chain runs before the portal's main one and only for the console's own paths:
 * every console page needs a signed-in account, every form a CSRF token, and signing in
 * changes the session id (Spring Security's session fixation protection). The headers are
 * the main chain's: no inline script or style on any page.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

	/** The same policy as the rest of the portal (SecurityConfiguration). */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain consoleSecurityWebFilterChain(ServerHttpSecurity http, SecurityRefusals refusals) {
		RedirectServerLogoutSuccessHandler loggedOut = new RedirectServerLogoutSuccessHandler();
		loggedOut.setLogoutSuccessUrl(URI.create("/login?logout"));
		return http.securityMatcher(PathMatcher.anyOf("/console/**", "/login", "/logout"))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/login")
				.permitAll()
				.pathMatchers("/console/**", "/logout")
				.authenticated()
				.anyExchange()
				.denyAll())
			.formLogin((form) -> form.loginPage("/login")
				.authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/console"))
				.authenticationFailureHandler(new RedirectServerAuthenticationFailureHandler("/login?error")))
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessHandler(loggedOut))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.csrf((csrf) -> csrf.csrfTokenRequestHandler(SecurityConfiguration.csrfTokenHandler())
				// A stale or missing token: the error page, not a line of plain text.
				.accessDeniedHandler(refusals))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(SecurityConfiguration.CONTENT_SECURITY_POLICY))
				.frameOptions((frame) -> frame.mode(Mode.DENY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

}
