package cn.mailbox.portal;

import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Acts on letters through the staff API as a named staff member over HTTP Basic, the way
 * the tests drive a letter to the state they are about. Answers the response so each test
 * keeps its own expected status in sight.
 */
public final class StaffActions {

	private StaffActions() {
	}

	/**
	 * Posts a workflow step ({@code {"action": ...}}) for the letter as the given user.
	 */
	public static WebTestClient.ResponseSpec act(WebTestClient http, String username, String password, String letter,
			Map<String, ?> step) {
		return act(http, username, password, letter, step, (headers) -> {
		});
	}

	/** Posts a workflow step with headers of the caller's (a language, for instance). */
	public static WebTestClient.ResponseSpec act(WebTestClient http, String username, String password, String letter,
			Map<String, ?> step, Consumer<HttpHeaders> headers) {
		return http.post()
			.uri("/api/v1/staff/letters/{n}/actions", letter)
			.headers((h) -> h.setBasicAuth(username, password))
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(step)
			.exchange();
	}

	/** Posts a workflow step as the bootstrap administrator. */
	public static WebTestClient.ResponseSpec actAsAdministrator(WebTestClient http, String letter,
			Map<String, ?> step) {
		return act(http, "admin", PortalIntegrationTest.ADMIN_PASSWORD, letter, step);
	}

	/**
	 * The staff view of the letter (state, events, allowed actions) as the given user.
	 */
	public static WebTestClient.ResponseSpec view(WebTestClient http, String username, String password, String letter) {
		return http.get()
			.uri("/api/v1/staff/letters/{n}", letter)
			.headers((h) -> h.setBasicAuth(username, password))
			.exchange();
	}

}
