package cn.mailbox.portal.web;

import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Resolves the CSRF token before a page renders, so Thymeleaf can put it into every form
 * (the reactive token is lazy; Spring Security's documentation prescribes this advice).
 */
@ControllerAdvice(annotations = HtmlPage.class)
class CsrfTokenAdvice {

	@ModelAttribute
	Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		if (token == null) {
			return Mono.empty();
		}
		return token.doOnSuccess((resolved) -> exchange.getAttributes()
			.put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, resolved));
	}

}
