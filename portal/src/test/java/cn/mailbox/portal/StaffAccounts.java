package cn.mailbox.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sets up units and staff accounts through the staff API as the bootstrap administrator,
 * the way a city's administrator would: one place for what every integration test with
 * staff needs first.
 */
public final class StaffAccounts {

	private StaffAccounts() {
	}

	/** Posts {@code body} to an administration endpoint and expects 201 Created. */
	public static void create(WebTestClient http, String path, Map<String, Object> body) {
		post(http, path, body).expectStatus().isCreated();
	}

	/**
	 * Posts {@code body} to a staff endpoint as the administrator and answers the
	 * response, for tests that expect something other than 201 Created.
	 */
	public static WebTestClient.ResponseSpec post(WebTestClient http, String path, Object body) {
		return http.post()
			.uri(path)
			.headers((h) -> h.setBasicAuth("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/** Creates a staff account with the given roles, in {@code unit} unless null. */
	public static void user(WebTestClient http, String username, String password, List<String> roles, String unit) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", username);
		body.put("password", password);
		body.put("roles", roles);
		if (unit != null) {
			body.put("unit", unit);
		}
		create(http, "/api/v1/staff/users", body);
	}

}
