package cn.mailbox.portal.intake;

import java.net.URI;
import java.util.List;
import java.util.Set;

import cn.mailbox.portal.screening.FormSignals;
import cn.mailbox.portal.web.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.RouterOperation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/letters}, the busiest endpoint, as a functional route: an annotated
 * controller method spent a tenth of a submission's CPU time finding itself among every
 * mapping, resolving its arguments and negotiating its answer, for one fixed shape of
 * request and answer. Its errors still reach {@code ApiProblems} and the rate limits'
 * advice (the dispatcher hands a functional handler's errors to the same exception
 * handlers), so they read as every other API error.
 */
@Configuration(proxyBeanMethods = false)
@Tag(name = "Citizens")
class IntakeApi {

	static final String PATH = "/api/v1/letters";

	private final SubmitLetter submitLetter;

	private final ClientAddress clientAddress;

	IntakeApi(SubmitLetter submitLetter, ClientAddress clientAddress) {
		this.submitLetter = submitLetter;
		this.clientAddress = clientAddress;
	}

	@Bean
	@RouterOperation(path = PATH, method = RequestMethod.POST, beanClass = IntakeApi.class, beanMethod = "submit",
			consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE,
			operation = @Operation(operationId = "submitLetter", tags = "Citizens", summary = "Submit a letter",
					description = "Answers 201 only after the letter is committed. The access code is shown once.",
					parameters = @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key", required = false),
					requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
							content = @Content(schema = @Schema(implementation = LetterSubmission.class))),
					responses = @ApiResponse(responseCode = "201",
							content = @Content(schema = @Schema(implementation = SubmissionResponse.class)))))
	RouterFunction<ServerResponse> intakeRoute() {
		return RouterFunctions.route(RequestPredicates.POST(PATH), this::submit)
			.andRoute(RequestPredicates.path(PATH),
					(request) -> Mono.error(new MethodNotAllowedException(request.method(), Set.of(HttpMethod.POST))));
	}

	Mono<ServerResponse> submit(ServerRequest request) {
		ResponseStatusException refused = refusal(request);
		if (refused != null) {
			return Mono.error(refused);
		}
		String idempotencyKey = request.headers().firstHeader("Idempotency-Key");
		String locale = request.exchange().getLocaleContext().getLocale().toLanguageTag();
		return request.bodyToMono(LetterSubmission.class)
			.switchIfEmpty(Mono.error(() -> new ServerWebInputException("No request body")))
			.flatMap((submission) -> this.submitLetter.submit(submission, idempotencyKey,
					this.clientAddress.of(request.exchange()), locale, "api", FormSignals.NONE))
			.flatMap((result) -> ServerResponse.created(URI.create(PATH + "/" + result.trackingNumber()))
				.header("Cache-Control", "no-store")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(SubmissionResponse.of(result)));
	}

	/**
	 * What {@code consumes} and {@code produces} refused before the body was read: an
	 * unreadable Content-Type (415; reading the body would fail on it with a 500), or an
	 * Accept that JSON does not satisfy (406). Null when the request may go on.
	 */
	private static ResponseStatusException refusal(ServerRequest request) {
		try {
			request.headers().contentType();
		}
		catch (InvalidMediaTypeException ex) {
			return new UnsupportedMediaTypeStatusException(ex.getMessage());
		}
		List<MediaType> accepted;
		try {
			accepted = request.headers().accept();
		}
		catch (InvalidMediaTypeException ex) {
			return new NotAcceptableStatusException(ex.getMessage());
		}
		boolean json = accepted.isEmpty()
				|| accepted.stream().anyMatch((type) -> type.isCompatibleWith(MediaType.APPLICATION_JSON));
		return json ? null : new NotAcceptableStatusException(List.of(MediaType.APPLICATION_JSON));
	}

	/** The 201 body of {@code api.md}. */
	record SubmissionResponse(String trackingNumber, String accessCode, String status, java.time.Instant receivedAt,
			String linkedTo) {

		/**
		 * The JSON encoder logs what it encodes at DEBUG/TRACE: never the access code.
		 */
		@Override
		public String toString() {
			return "SubmissionResponse[trackingNumber=" + this.trackingNumber + ", accessCode=(hidden), status="
					+ this.status + "]";
		}

		static SubmissionResponse of(SubmissionResult result) {
			return new SubmissionResponse(result.trackingNumber(), result.accessCode(), result.status(),
					result.receivedAt(), result.linkedTo());
		}

	}

}
