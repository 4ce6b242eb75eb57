package cn.mailbox.portal.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.mailbox.portal.intake.FieldError;
import cn.mailbox.portal.intake.IdempotencyKeyReused;
import cn.mailbox.portal.intake.SubmissionRejected;
import cn.mailbox.portal.tracking.FeedbackNotPossible;
import cn.mailbox.portal.tracking.FeedbackRejected;
import cn.mailbox.portal.tracking.LetterNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Every error of the JSON API as {@code application/problem+json} (RFC 9457): a
 * {@code type}, a {@code detail} in the request's language, and for invalid input the
 * list of {@code {field, message}}. Nothing internal (exception names, stack traces, SQL)
 * ever reaches the client; unexpected failures are logged here and answered with a plain
 * 500 problem.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	private final ApiProblemDetails problems;

	ApiProblems(MessageSource messages, ApiProblemDetails problems) {
		this.problems = problems;
		setMessageSource(messages);
	}

	@ExceptionHandler(SubmissionRejected.class)
	Mono<ResponseEntity<ProblemDetail>> invalidSubmission(SubmissionRejected ex, ServerWebExchange exchange) {
		return respond(this.problems.invalidInput(ex.errors(), locale(exchange)));
	}

	@ExceptionHandler(FeedbackRejected.class)
	Mono<ResponseEntity<ProblemDetail>> invalidFeedback(FeedbackRejected ex, ServerWebExchange exchange) {
		Locale locale = locale(exchange);
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "problem.invalidInput", locale);
		problem.setProperty("errors",
				List.of(fieldError(new FieldError(ex.field(), ex.code(), ex.arguments()), locale)));
		return respond(problem);
	}

	@ExceptionHandler(LetterNotFound.class)
	Mono<ResponseEntity<ProblemDetail>> notFound(LetterNotFound ex, ServerWebExchange exchange) {
		return respond(problem(HttpStatus.NOT_FOUND, "letter-not-found", "problem.letterNotFound", locale(exchange)));
	}

	@ExceptionHandler(FeedbackNotPossible.class)
	Mono<ResponseEntity<ProblemDetail>> feedbackNotPossible(FeedbackNotPossible ex, ServerWebExchange exchange) {
		return respond(problem(HttpStatus.CONFLICT, "feedback-not-possible", ex.messageCode(), locale(exchange)));
	}

	@ExceptionHandler(IdempotencyKeyReused.class)
	Mono<ResponseEntity<ProblemDetail>> idempotencyKeyReused(IdempotencyKeyReused ex, ServerWebExchange exchange) {
		return respond(problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
				"problem.idempotencyKeyReused", locale(exchange)));
	}

	@ExceptionHandler(DataBufferLimitException.class)
	Mono<ResponseEntity<ProblemDetail>> tooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
		return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "problem.tooLarge", locale(exchange)));
	}

	/**
	 * The firewall checks a header's value when it is first read, inside the handler (an
	 * access code or Idempotency-Key with bytes 0x80-0x9F): 400, not 500.
	 */
	@ExceptionHandler(ServerExchangeRejectedException.class)
	Mono<ResponseEntity<ProblemDetail>> rejected(ServerExchangeRejectedException ex, ServerWebExchange exchange) {
		return respond(problem(HttpStatus.BAD_REQUEST, "unreadable", "problem.badRequest", locale(exchange)));
	}

	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<ProblemDetail>> unexpected(Exception ex, ServerWebExchange exchange) {
		if (hasCause(ex, DataBufferLimitException.class)) {
			return tooLarge(null, exchange);
		}
		if (DatabaseOutage.causes(ex)) {
			log.warn("Database unavailable on {} {}: {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex.toString());
			ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "problem.unavailable",
					locale(exchange));
			return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfterSeconds())
				.cacheControl(CacheControl.noStore())
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem));
		}
		log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
		return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "problem.internal", locale(exchange)));
	}

	/**
	 * Spring's own web errors (415, 405, 406, unreadable body...) with our type and
	 * wording.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		if (ex instanceof ServerWebInputException && hasCause(ex, DataBufferLimitException.class)) {
			return tooLarge(null, exchange).map((entity) -> ResponseEntity.status(entity.getStatusCode())
				.headers(entity.getHeaders())
				.body(entity.getBody()));
		}
		Locale locale = locale(exchange);
		String key = switch (status.value()) {
			case 400 -> "problem.unreadable";
			case 404 -> "problem.notFound";
			case 405 -> "problem.methodNotAllowed";
			case 406 -> "problem.notAcceptable";
			case 413 -> "problem.tooLarge";
			case 415 -> "problem.unsupportedMediaType";
			default -> "problem.generic";
		};
		ProblemDetail problem = problem(HttpStatus.valueOf(status.value()), slug(status), key, locale);
		HttpHeaders responseHeaders = new HttpHeaders();
		if (headers != null) {
			responseHeaders.putAll(headers);
		}
		responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return Mono.just(ResponseEntity.status(status).headers(responseHeaders).body(problem));
	}

	private ProblemDetail problem(HttpStatus status, String type, String key, Locale locale) {
		return this.problems.problem(status, type, key, locale);
	}

	private Map<String, String> fieldError(FieldError error, Locale locale) {
		return this.problems.fieldError(error, locale);
	}

	private static Mono<ResponseEntity<ProblemDetail>> respond(ProblemDetail problem) {
		return Mono.just(ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem));
	}

	private static String slug(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "unreadable";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 413 -> "too-large";
			case 415 -> "unsupported-media-type";
			default -> "http-" + status.value();
		};
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static Locale locale(ServerWebExchange exchange) {
		Locale locale = exchange.getLocaleContext().getLocale();
		return (locale != null) ? locale : Locale.SIMPLIFIED_CHINESE;
	}

}
