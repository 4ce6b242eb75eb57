package cn.mailbox.portal.intake;

import java.net.URI;

import cn.mailbox.portal.screening.FormSignals;
import cn.mailbox.portal.web.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Citizens")
class IntakeApi {

	private final SubmitLetter submitLetter;

	private final ClientAddress clientAddress;

	IntakeApi(SubmitLetter submitLetter, ClientAddress clientAddress) {
		this.submitLetter = submitLetter;
		this.clientAddress = clientAddress;
	}

	@PostMapping(path = "/api/v1/letters", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Submit a letter",
			description = "Answers 201 only after the letter is committed. The access code is shown once.")
	Mono<ResponseEntity<SubmissionResponse>> submit(@RequestBody LetterSubmission submission,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			ServerWebExchange exchange) {
		String locale = exchange.getLocaleContext().getLocale().toLanguageTag();
		return this.submitLetter
			.submit(submission, idempotencyKey, this.clientAddress.of(exchange), locale, "api", FormSignals.NONE)
			.map((result) -> ResponseEntity.created(URI.create("/api/v1/letters/" + result.trackingNumber()))
				.header("Cache-Control", "no-store")
				.body(SubmissionResponse.of(result)));
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
