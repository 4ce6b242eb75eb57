package cn.mailbox.portal.staff;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.mailbox.moderation.holidays.CalendarRejected;
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
@RestControllerAdvice(assignableTypes = { StaffLettersApi.class, StaffAdminApi.class, StaffCalendarApi.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class StaffProblems {

	private final MessageSource messages;

	private final FieldMessages fieldMessages;

	StaffProblems(MessageSource messages, FieldMessages fieldMessages) {
		this.messages = messages;
		this.fieldMessages = fieldMessages;
	}

	/**
	 * The detail is worded in the user's language from the step and the state; the state
	 * machine's own explanation (English) follows as {@code reason}, with {@code action}
	 * and {@code state} codes for scripts.
	 */
	@ExceptionHandler(WorkflowRefused.class)
	Mono<ResponseEntity<ProblemDetail>> refused(WorkflowRefused ex, ServerWebExchange exchange) {
		HttpStatus status = HttpStatus.valueOf(ex.kind().httpStatus());
		Locale locale = locale(exchange);
		String detail;
		if (ex.action() != null && ex.state() != null) {
			String action = this.messages.getMessage("console.action." + ex.action().code(), null, ex.action().code(),
					locale);
			String state = this.messages.getMessage("state." + ex.state().code(), null, ex.state().code(), locale);
			detail = this.messages.getMessage("workflow.refused." + status.value(), new Object[] { action, state },
					locale);
		}
		else {
			detail = this.messages.getMessage("workflow.refused.generic." + status.value(), null, locale);
		}
		return respond(status, "workflow-refused", detail, exchange).map((response) -> {
			ProblemDetail problem = response.getBody();
			if (problem != null) {
				problem.setProperty("reason", ex.getMessage());
				if (ex.action() != null) {
					problem.setProperty("action", ex.action().code());
				}
				if (ex.state() != null) {
					problem.setProperty("state", ex.state().code());
				}
			}
			return response;
		});
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

	/**
	 * A refused holiday notice: 400 with every problem as {@code errors: [{field,
	 * message}]}.
	 */
	@ExceptionHandler(CalendarRejected.class)
	Mono<ResponseEntity<ProblemDetail>> invalidCalendar(CalendarRejected ex, ServerWebExchange exchange) {
		Locale locale = locale(exchange);
		List<Map<String, String>> errors = ex.violations()
			.stream()
			.map((violation) -> Map.of("field", violation.field(), "message",
					this.messages.getMessage(violation.code(), violation.arguments(), violation.code(), locale)))
			.toList();
		return respond(HttpStatus.BAD_REQUEST, "invalid-input",
				this.messages.getMessage("problem.invalidInput", null, locale), exchange)
			.map((response) -> {
				if (response.getBody() != null) {
					response.getBody().setProperty("errors", errors);
				}
				return response;
			});
	}

	@ExceptionHandler(StaffForbidden.class)
	Mono<ResponseEntity<ProblemDetail>> forbidden(StaffForbidden ex, ServerWebExchange exchange) {
		return respond(HttpStatus.FORBIDDEN, "forbidden",
				this.messages.getMessage(ex.messageKey(), null, ex.messageKey(), locale(exchange)), exchange);
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
