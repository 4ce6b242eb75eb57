package cn.mailbox.portal.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;

/**
 * One case of the corpus: a request and what kind of answer it must get.
 *
 * @param name what the case is, for the failure report
 * @param method the HTTP method (ignored for raw cases)
 * @param uri the request target, already encoded as it goes on the wire
 * @param headers extra headers in order (duplicates allowed)
 * @param body the body bytes or {@code null}
 * @param auth whose credentials travel with it
 * @param raw for raw cases, the exact bytes sent on a socket; otherwise {@code null}
 * @param stored for a letter submission, the fields the database must then hold exactly
 * (column name to text); empty when the case is not a submission
 */
record HostileRequest(String name, HttpMethod method, String uri, List<Map.Entry<String, String>> headers, byte[] body,
		Auth auth, byte[] raw, Map<String, String> stored) {

	/** Whose credentials a case carries. */
	enum Auth {

		/** Nobody. */
		NONE,
		/** HTTP Basic of the test administrator. */
		ADMIN,
		/** The public pages' session cookie (its CSRF token is in the form). */
		PAGE,
		/** A signed-in console session of the administrator. */
		CONSOLE

	}

	static HostileRequest of(String name, HttpMethod method, String uri, Auth auth) {
		return new HostileRequest(name, method, uri, List.of(), null, auth, null, Map.of());
	}

	static HostileRequest raw(String name, byte[] bytes) {
		return new HostileRequest(name, null, null, List.of(), null, Auth.NONE, bytes, Map.of());
	}

	HostileRequest header(String header, String value) {
		List<Map.Entry<String, String>> more = new ArrayList<>(this.headers);
		more.add(Map.entry(header, value));
		return new HostileRequest(this.name, this.method, this.uri, List.copyOf(more), this.body, this.auth, this.raw,
				this.stored);
	}

	HostileRequest body(String contentType, byte[] bytes) {
		HostileRequest typed = (contentType != null) ? header("Content-Type", contentType) : this;
		return new HostileRequest(this.name, this.method, this.uri, typed.headers, bytes, this.auth, this.raw,
				this.stored);
	}

	HostileRequest storing(Map<String, String> fields) {
		return new HostileRequest(this.name, this.method, this.uri, this.headers, this.body, this.auth, this.raw,
				Map.copyOf(fields));
	}

	boolean isRaw() {
		return this.raw != null;
	}

	/** Errors of the JSON API must be problem+json; everything else is a page. */
	boolean isApi() {
		return this.uri != null && this.uri.startsWith("/api/");
	}

}
