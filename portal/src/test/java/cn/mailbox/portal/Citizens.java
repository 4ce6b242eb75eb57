package cn.mailbox.portal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Writes letters through the public API and looks them up with the receipt, the way a
 * citizen's browser or app does: one place that knows the submission endpoint, its answer
 * and the tracking lookup, so a test says only what its letter is about.
 */
public final class Citizens {

	private Citizens() {
	}

	/**
	 * A letter to the mayor's mailbox with the fields every letter has; the caller adds
	 * the writer's name, contacts and publication consent, which differ between tests.
	 */
	public static Map<String, Object> letter(String nature, String field, String region, String title, String body) {
		Map<String, Object> letter = new LinkedHashMap<>();
		letter.put("mailbox", "mayor");
		letter.put("nature", nature);
		letter.put("field", field);
		letter.put("region", region);
		letter.put("title", title);
		letter.put("body", body);
		return letter;
	}

	/** Posts the letter and answers the response, for tests that judge the answer. */
	public static WebTestClient.ResponseSpec post(WebTestClient http, Map<String, ?> letter) {
		return post(http, letter, (headers) -> {
		});
	}

	/**
	 * Posts the letter with headers of the caller's (a forwarded client address, a
	 * language, an idempotency key) and answers the response.
	 */
	public static WebTestClient.ResponseSpec post(WebTestClient http, Map<String, ?> letter,
			Consumer<HttpHeaders> headers) {
		return http.post()
			.uri("/api/v1/letters")
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(letter)
			.exchange();
	}

	/** Submits the letter, expects 201 Created and answers the writer's receipt. */
	public static Receipt submit(WebTestClient http, Map<String, ?> letter) {
		return submit(http, letter, (headers) -> {
		});
	}

	/** Submits the letter with headers of the caller's, expects 201 Created. */
	public static Receipt submit(WebTestClient http, Map<String, ?> letter, Consumer<HttpHeaders> headers) {
		Map<?, ?> answer = post(http, letter, headers).expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return new Receipt((String) answer.get("trackingNumber"), (String) answer.get("accessCode"));
	}

	/**
	 * Looks a letter up by its number with the access code (none sent when null) and
	 * answers the response.
	 */
	public static WebTestClient.ResponseSpec track(WebTestClient http, String trackingNumber, String accessCode) {
		return track(http, trackingNumber, accessCode, (headers) -> {
		});
	}

	/** Looks a letter up with headers of the caller's (a language, a client address). */
	public static WebTestClient.ResponseSpec track(WebTestClient http, String trackingNumber, String accessCode,
			Consumer<HttpHeaders> headers) {
		return http.get().uri("/api/v1/letters/{n}", trackingNumber).headers((h) -> {
			if (accessCode != null) {
				h.set("X-Access-Code", accessCode);
			}
			headers.accept(h);
		}).exchange();
	}

	/** What a writer keeps after submitting: the tracking number and the access code. */
	public record Receipt(String trackingNumber, String accessCode) {

		/** Looks this letter up with its own access code. */
		public WebTestClient.ResponseSpec track(WebTestClient http) {
			return Citizens.track(http, this.trackingNumber, this.accessCode);
		}

	}

}
