package cn.mailbox.portal.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.mailbox.portal.intake.FieldError;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problems of the JSON API (RFC 9457) in the reader's language: {@link ApiProblems}
 * answers WebFlux's errors with them, and routes served outside WebFlux write the same
 * ones as bytes, so a client cannot tell which way its request went.
 */
@Component
public class ApiProblemDetails {

	private static final String TYPE_BASE = "https://mailbox.example/problems/";

	private final MessageSource messages;

	private final FieldMessages fieldMessages;

	private final JsonMapper json;

	ApiProblemDetails(MessageSource messages, FieldMessages fieldMessages, JsonMapper json) {
		this.messages = messages;
		this.fieldMessages = fieldMessages;
		this.json = json;
	}

	/** A problem of the given type ({@code invalid-input}) and message key. */
	public ProblemDetail problem(HttpStatus status, String type, String key, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				this.messages.getMessage(key, null, status.getReasonPhrase(), locale));
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(
				this.messages.getMessage("problem.title." + status.value(), null, status.getReasonPhrase(), locale));
		return problem;
	}

	/** 400 with each invalid field and what is wrong with it. */
	public ProblemDetail invalidInput(List<FieldError> errors, Locale locale) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "problem.invalidInput", locale);
		problem.setProperty("errors", errors.stream().map((error) -> fieldError(error, locale)).toList());
		return problem;
	}

	Map<String, String> fieldError(FieldError error, Locale locale) {
		return Map.of("field", error.field(), "message", this.fieldMessages.message(error, locale));
	}

	/**
	 * The problem as WebFlux writes it: its members, {@code instance} the request's path,
	 * then its extra properties.
	 */
	public byte[] toJson(ProblemDetail problem, String instance) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("type", problem.getType().toString());
		members.put("title", problem.getTitle());
		members.put("status", problem.getStatus());
		members.put("detail", problem.getDetail());
		members.put("instance", instance);
		if (problem.getProperties() != null) {
			members.putAll(problem.getProperties());
		}
		return this.json.writeValueAsBytes(members);
	}

}
