package cn.mailbox.portal.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Errors on pages for people are friendly pages in their language, never a JSON body or a
 * trace.
 */
@ControllerAdvice(annotations = HtmlPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

	private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

	@ExceptionHandler(DataBufferLimitException.class)
	String tooLarge(Model model, ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
		model.addAttribute("messageKey", "error.tooLarge");
		return "error-page";
	}

	@ExceptionHandler(Exception.class)
	String unexpected(Exception ex, Model model, ServerWebExchange exchange) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException) {
				return tooLarge(model, exchange);
			}
		}
		if (ex instanceof org.springframework.web.server.ResponseStatusException status
				&& status.getStatusCode().is4xxClientError()) {
			exchange.getResponse().setStatusCode(status.getStatusCode());
		}
		else if (ex instanceof org.springframework.security.web.server.firewall.ServerExchangeRejectedException) {
			// A header the firewall refuses when the page first reads it.
			exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
		}
		else if (DatabaseOutage.causes(ex)) {
			log.warn("Database unavailable on page {}: {}", exchange.getRequest().getPath(), ex.toString());
			exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfterSeconds());
			model.addAttribute("messageKey", "error.unavailable");
			return "error-page";
		}
		else {
			log.error("Unexpected error on page {}", exchange.getRequest().getPath(), ex);
			exchange.getResponse().setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
		}
		model.addAttribute("messageKey", "error.generic");
		return "error-page";
	}

}
