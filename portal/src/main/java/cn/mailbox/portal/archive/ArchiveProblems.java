package cn.mailbox.portal.archive;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.mailbox.portal.web.ApiProblemDetails;
import reactor.core.publisher.Mono;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * The archive API's own errors as problem+json, worded and typed like the rest of the API
 * ({@code ApiProblems}); ordered first so its catch-all does not answer them as 500.
 */
@RestControllerAdvice(assignableTypes = { ArchiveApi.class, ArchiveImportApi.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class ArchiveProblems {

	private final MessageSource messages;

	private final ApiProblemDetails problems;

	ArchiveProblems(MessageSource messages, ApiProblemDetails problems) {
		this.messages = messages;
		this.problems = problems;
	}

	@ExceptionHandler(InvalidArchiveParameter.class)
	Mono<ResponseEntity<ProblemDetail>> invalidParameter(InvalidArchiveParameter ex, ServerWebExchange exchange) {
		Locale locale = locale(exchange);
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "problem.invalidInput", locale);
		String message = this.messages.getMessage("archive.invalid." + ex.parameter(), null,
				this.messages.getMessage("archive.invalid", null, locale), locale);
		problem.setProperty("errors", List.of(Map.of("field", ex.parameter(), "message", message)));
		return respond(problem);
	}

	@ExceptionHandler(ArchiveRecordNotFound.class)
	Mono<ResponseEntity<ProblemDetail>> notFound(ArchiveRecordNotFound ex, ServerWebExchange exchange) {
		return respond(problem(HttpStatus.NOT_FOUND, "archive-record-not-found", "archive.notFound", locale(exchange)));
	}

	@ExceptionHandler(ImportForbidden.class)
	Mono<ResponseEntity<ProblemDetail>> forbidden(ImportForbidden ex, ServerWebExchange exchange) {
		return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "archive.import.forbidden", locale(exchange)));
	}

	private ProblemDetail problem(HttpStatus status, String type, String key, Locale locale) {
		return this.problems.problem(status, type, key, locale);
	}

	private static Mono<ResponseEntity<ProblemDetail>> respond(ProblemDetail problem) {
		return Mono.just(ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem));
	}

	private static Locale locale(ServerWebExchange exchange) {
		Locale locale = exchange.getLocaleContext().getLocale();
		return (locale != null) ? locale : Locale.SIMPLIFIED_CHINESE;
	}

}
