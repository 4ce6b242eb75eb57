package cn.mailbox.portal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's session on the server-rendered pages: the {@code SESSION} cookie and the
 * CSRF token a page carries, and the form sign-in to the staff console. Tests that are
 * about the session mechanics themselves build their {@link Session}s by hand from these
 * parts.
 */
public final class PageSessions {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private PageSessions() {
	}

	/**
	 * Opens a page without a session and answers the session it started and its token.
	 */
	public static Session visit(WebTestClient http, String path) {
		EntityExchangeResult<String> page = get(http, path, null);
		return new Session(page.getResponseCookies().getFirst("SESSION").getValue(), csrf(page.getResponseBody()));
	}

	/**
	 * Signs in through the login form, expects the redirect to the console, and answers
	 * the new session with the console's CSRF token.
	 */
	public static Session signIn(WebTestClient http, String username, String password) {
		EntityExchangeResult<String> signedIn = postForm(http, "/login", visit(http, "/login"),
				credentials(username, password));
		assertThat(signedIn.getStatus().is3xxRedirection()).as("signed in " + username).isTrue();
		assertThat(signedIn.getResponseHeaders().getLocation()).as("signed in " + username).hasPath("/console");
		String id = signedIn.getResponseCookies().getFirst("SESSION").getValue();
		EntityExchangeResult<String> console = get(http, "/console", new Session(id, null));
		assertThat(console.getStatus()).as("the console for " + username).isEqualTo(HttpStatus.OK);
		return new Session(id, csrf(console.getResponseBody()));
	}

	/** Gets a page, with the session's cookie unless the session is null. */
	public static EntityExchangeResult<String> get(WebTestClient http, String path, Session session) {
		WebTestClient.RequestHeadersSpec<?> request = http.get().uri(path);
		if (session != null) {
			request = request.cookie("SESSION", session.id());
		}
		return request.exchange().expectBody(String.class).returnResult();
	}

	/**
	 * Posts a form with the session's cookie and, unless the session has none, its CSRF
	 * token (the caller's form is left as it was).
	 */
	public static EntityExchangeResult<String> postForm(WebTestClient http, String path, Session session,
			MultiValueMap<String, String> form) {
		MultiValueMap<String, String> body = new LinkedMultiValueMap<>(form);
		if (session.csrf() != null) {
			body.set("_csrf", session.csrf());
		}
		return http.post()
			.uri(path)
			.cookie("SESSION", session.id())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(body))
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

	/** The CSRF token of a page's forms; fails when the page has none. */
	public static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
		return matcher.group(1);
	}

	/** The login form's fields. */
	public static MultiValueMap<String, String> credentials(String username, String password) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", username);
		form.add("password", password);
		return form;
	}

	/** A browser's session cookie and the CSRF token of its last page (null: none). */
	public record Session(String id, String csrf) {
	}

}
