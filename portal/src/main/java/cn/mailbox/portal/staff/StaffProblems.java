package cn.mailbox.portal.staff;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import cn.mailbox.moderation.disclosure.RedactionsRejected;
import cn.mailbox.portal.intake.FieldError;
import cn.mailbox.portal.web.FieldMessages;
import cn.mailbox.moderation.workflow.LetterHandling;
import cn.mailbox.moderation.workflow.WorkflowRefused;
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
import reactor.core.publisher.Mono;

/**
 * Workflow refusals as problems: 409 not in this state, 403 not for this role or unit,
 * 422 not for this letter, 400 a malformed step, 404 an unknown (or invisible) letter.
 * The state machine's explanation is the detail: staff need to know why.
 */
@RestControllerAdvice(assignableTypes = { StaffLettersApi.class, StaffAdminApi.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class StaffProblems {

	private final MessageSource messages;

	private final FieldMessages fieldMessages;

	StaffProblems(MessageSource messages, FieldMessages fieldMessages) {
		this.messages = messages;
		this.fieldMessages = fieldMessages;
	}

	@ExceptionHandler(WorkflowRefused.class)
	Mono<ResponseEntity<ProblemDetail>> refused(WorkflowRefused ex, ServerWebExchange exchange) {
		HttpStatus status = HttpStatus.valueOf(ex.kind().httpStatus());
		return respond(status, "workflow-refused", ex.getMessage(), exchange);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	Mono<ResponseEntity<ProblemDetail>> invalid(IllegalArgumentException ex, ServerWebExchange exchange) {
		return respond(HttpStatus.BAD_REQUEST, "invalid-step", ex.getMessage(), exchange);
	}

	/** A reviewed redaction list that does not fit the letter: every problem by field. */
	@ExceptionHandler(RedactionsRejected.class)
	Mono<ResponseEntity<ProblemDetail>> invalidRedactions(RedactionsRejected ex, ServerWebExchange exchange) {
		Locale locale = locale(exchange);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				this.messages.getMessage("problem.invalidInput", null, locale));
		problem.setType(URI.create("https://mailbox.example/problems/invalid-input"));
		problem.setTitle(this.messages.getMessage("problem.title.400", null, "Bad Request", locale));
		problem.setProperty("errors",
				ex.problems()
					.stream()
					.map((error) -> Map.of("field", error.field(), "message",
							this.fieldMessages.message(new FieldError(error.field(), error.code()), locale)))
					.toList());
		return Mono.just(ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
	}

	@ExceptionHandler(LetterHandling.LetterNotKnown.class)
	Mono<ResponseEntity<ProblemDetail>> unknown(LetterHandling.LetterNotKnown ex, ServerWebExchange exchange) {
		return respond(HttpStatus.NOT_FOUND, "letter-not-found",
				this.messages.getMessage("problem.notFound", null, locale(exchange)), exchange);
	}

	@ExceptionHandler(StaffForbidden.class)
	Mono<ResponseEntity<ProblemDetail>> forbidden(StaffForbidden ex, ServerWebExchange exchange) {
		return respond(HttpStatus.FORBIDDEN, "forbidden", ex.getMessage(), exchange);
	}

	private Mono<ResponseEntity<ProblemDetail>> respond(HttpStatus status, String type, String detail,
			ServerWebExchange exchange) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://mailbox.example/problems/" + type));
		problem.setTitle(this.messages.getMessage("problem.title." + status.value(), null, status.getReasonPhrase(),
				locale(exchange)));
		return Mono.just(ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
	}

	private static Locale locale(ServerWebExchange exchange) {
		Locale locale = exchange.getLocaleContext().getLocale();
		return (locale != null) ? locale : Locale.SIMPLIFIED_CHINESE;
	}

}
