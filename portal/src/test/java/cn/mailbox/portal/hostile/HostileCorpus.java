package cn.mailbox.portal.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.mailbox.portal.hostile.HostileRequest.Auth;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates the hostile-input corpus against every public and staff endpoint: the
 * hand-written strings in every field, malformed JSON and forms, wrong types, huge
 * fields, invalid UTF-8, header abuse, wrong methods and media types, and path traversal.
 * Most cases are refused; those that are accepted name the text the database must then
 * hold.
 */
final class HostileCorpus {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One in this many HTTP Basic cases is sent (see {@link #sampled()}). */
	static final int STAFF_API_SAMPLE = 5;

	/**
	 * One case in this many is sent, in generation order: {@code -Dhostile.sample=1}
	 * sends the whole corpus (about 4 350 cases); the default run sends a third, to stay
	 * quick.
	 */
	static final int SAMPLE = Integer.getInteger("hostile.sample", 3);

	static final List<String> LETTER_FIELDS = List.of("title", "body", "name", "phone", "email", "mailbox", "nature",
			"field", "region");

	/** Letter fields and the column each is stored in. */
	private static final Map<String, String> COLUMNS = Map.of("title", "title", "body", "body", "name", "writer_name",
			"phone", "writer_phone", "email", "writer_email");

	private static final byte[][] INVALID_UTF8 = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0xFE, (byte) 0xFF },
			{ (byte) 0xC0, (byte) 0xAF }, { (byte) 0xE0, (byte) 0x80, (byte) 0xAF },
			{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
			{ (byte) 0xE4, (byte) 0xB8 }, { (byte) 0x80 }, { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80 } };

	/**
	 * What the corpus needs from the running portal.
	 *
	 * @param trackingNumber a letter of the mayor's mailbox in state received
	 * @param accessCode its access code
	 * @param pageCsrf a CSRF token of the public pages' session
	 * @param consoleCsrf a CSRF token of the administrator's console session
	 */
	record Fixture(String trackingNumber, String accessCode, String pageCsrf, String consoleCsrf) {
	}

	private final Fixture fixture;

	private final List<HostileRequest> cases = new ArrayList<>();

	private HostileCorpus(Fixture fixture) {
		this.fixture = fixture;
	}

	static List<HostileRequest> letterFields(Fixture fixture) {
		HostileCorpus corpus = new HostileCorpus(fixture);
		corpus.letterFieldCases();
		return corpus.sampled();
	}

	static List<HostileRequest> malformedBodies(Fixture fixture) {
		HostileCorpus corpus = new HostileCorpus(fixture);
		corpus.malformedJsonCases();
		corpus.wrongTypeCases();
		corpus.hugeFieldCases();
		corpus.invalidUtf8BodyCases();
		corpus.mediaTypeCases();
		return corpus.sampled();
	}

	static List<HostileRequest> publicEndpoints(Fixture fixture) {
		HostileCorpus corpus = new HostileCorpus(fixture);
		corpus.trackingCases();
		corpus.archiveCases();
		corpus.pageCases();
		return corpus.sampled();
	}

	static List<HostileRequest> staffEndpoints(Fixture fixture) {
		HostileCorpus corpus = new HostileCorpus(fixture);
		corpus.staffApiCases();
		corpus.adminCases();
		corpus.importCases();
		corpus.consoleCases();
		return corpus.sampled();
	}

	static List<HostileRequest> protocol(Fixture fixture) {
		HostileCorpus corpus = new HostileCorpus(fixture);
		corpus.headerCases();
		corpus.methodCases();
		return corpus.sampled();
	}

	static List<HostileRequest> raw(Fixture fixture) {
		HostileCorpus corpus = new HostileCorpus(fixture);
		corpus.traversalCases();
		corpus.rawByteCases();
		return corpus.sampled();
	}

	// --- letters through the API ---

	private void letterFieldCases() {
		List<String> all = new ArrayList<>(HostileStrings.handWritten());
		all.addAll(HostileStrings.unstorable());
		List<String> sample = new ArrayList<>(HostileStrings.sample(3));
		sample.addAll(HostileStrings.unstorable());
		for (String field : LETTER_FIELDS) {
			// Every string in the free-text fields; a third of them in the coded ones,
			// which
			// validation refuses outright.
			List<String> strings = List.of("title", "body", "name").contains(field) ? all : sample;
			for (int i = 0; i < strings.size(); i++) {
				Map<String, Object> letter = validLetter();
				letter.put(field, strings.get(i));
				Map<String, String> stored = new LinkedHashMap<>();
				letter.forEach((key, value) -> {
					if (COLUMNS.containsKey(key)) {
						stored.put(COLUMNS.get(key), (String) value);
					}
				});
				add(HostileRequest.of("letter " + field + " #" + i, HttpMethod.POST, "/api/v1/letters", Auth.NONE)
					.body("application/json", json(letter))
					.storing(stored));
			}
		}
	}

	private void malformedJsonCases() {
		List<String> bodies = new ArrayList<>(List.of("", " ", "{", "}", "{bad", "[]", "[{}]", "null", "true", "0",
				"\"a string\"", "{\"title\":}", "{\"title\" \"x\"}", "{\"title\":\"x\",}", "{,}", "{'title':'x'}",
				"{title:\"x\"}", "{\"title\":\"unterminated}", "{\"title\":\"x\"}{\"title\":\"y\"}",
				"{\"title\":\"x\"} trailing", "{\"title\":\"x\" /* comment */}", "// comment\n{}", "{\"title\":NaN}",
				"{\"title\":Infinity}", "{\"anonymous\":tru}", "{\"anonymous\":\"yes\"}", "{\"publicationConsent\":1}",
				"{\"title\":\"\\x41\"}", "{\"title\":\"\\u12\"}", "{\"title\":\"\\uZZZZ\"}", "{\"title\":\"\\ud800\"}",
				"{\"body\":\"\\udfff\"}", "{\"name\":\"\\ud800\\u0041\"}", "{\"title\":\"\\ud83d\"}",
				"{\"title\":\"tab\tinside\"}", "{\"title\":\"nl\ninside\"}", "{\"title\":\"\u0000\"}", "\u0000",
				"\ufeff{}", "{\"title\":1e999999}", "{\"title\":-0.0000000000000000000000000000000001}",
				"{\"mailbox\":\"mayor\",\"mailbox\":\"other\"}", "{\"__proto__\":{\"admin\":true}}",
				"{\"constructor\":{\"prototype\":{}}}",
				"{\"@class\":\"java.net.URL\",\"val\":\"x\"}".replace("java.net", "jn"), "[\"mailbox\",\"mayor\"]",
				"<letter><title>x</title></letter>", "title=x&body=y"));
		for (int depth : new int[] { 10, 100, 500, 1_000, 5_000, 20_000, 100_000 }) {
			bodies.add("[".repeat(depth) + "]".repeat(depth));
			bodies.add("[".repeat(depth));
			bodies.add("{\"title\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
			bodies.add("{\"title\":" + "{\"a\":".repeat(depth));
		}
		StringBuilder manyKeys = new StringBuilder("{");
		for (int i = 0; i < 5_000; i++) {
			manyKeys.append("\"k").append(i).append("\":").append(i).append(',');
		}
		bodies.add(manyKeys.append("\"title\":\"x\"}").toString());
		bodies.add("{\"title\":\"" + "\\u0041".repeat(20_000) + "\"}");
		bodies.add("[" + "1,".repeat(50_000) + "1]");
		bodies.add("{\"title\":\"x\"}" + " ".repeat(100_000));
		for (int i = 0; i < bodies.size(); i++) {
			add(HostileRequest.of("malformed json #" + i, HttpMethod.POST, "/api/v1/letters", Auth.NONE)
				.body("application/json", bodies.get(i).getBytes(StandardCharsets.UTF_8)));
			add(HostileRequest.of("malformed feedback json #" + i, HttpMethod.POST, feedbackUri(), Auth.NONE)
				.header("X-Access-Code", this.fixture.accessCode())
				.body("application/json", bodies.get(i).getBytes(StandardCharsets.UTF_8)));
			if (i % 3 == 0) {
				add(HostileRequest.of("malformed action json #" + i, HttpMethod.POST, actionsUri(), Auth.ADMIN)
					.body("application/json", bodies.get(i).getBytes(StandardCharsets.UTF_8)));
				add(HostileRequest.of("malformed unit json #" + i, HttpMethod.POST, "/api/v1/staff/units", Auth.ADMIN)
					.body("application/json", bodies.get(i).getBytes(StandardCharsets.UTF_8)));
			}
		}
	}

	private void wrongTypeCases() {
		List<Object> values = List.of(1, -1, 1.5, true, false, List.of(), List.of("a", "b"), Map.of(), Map.of("a", "b"),
				Long.MAX_VALUE);
		List<String> fields = new ArrayList<>(LETTER_FIELDS);
		fields.addAll(List.of("anonymous", "publicationConsent", "website"));
		for (String field : fields) {
			for (Object value : values) {
				Map<String, Object> letter = validLetter();
				letter.put(field, value);
				add(HostileRequest
					.of("wrong type " + field + "=" + value, HttpMethod.POST, "/api/v1/letters", Auth.NONE)
					.body("application/json", json(letter)));
			}
			Map<String, Object> letter = validLetter();
			letter.put(field, null);
			add(HostileRequest.of("null " + field, HttpMethod.POST, "/api/v1/letters", Auth.NONE)
				.body("application/json", json(letter)));
		}
		for (String field : List.of("satisfaction", "comment")) {
			for (Object value : values) {
				Map<String, Object> feedback = new LinkedHashMap<>(Map.of("satisfaction", "satisfied"));
				feedback.put(field, value);
				add(HostileRequest
					.of("wrong type feedback " + field + "=" + value, HttpMethod.POST, feedbackUri(), Auth.NONE)
					.header("X-Access-Code", this.fixture.accessCode())
					.body("application/json", json(feedback)));
			}
		}
		for (String field : List.of("action", "comment", "unit", "units", "days", "limitDays", "interim",
				"committedDate", "disclosure", "text")) {
			for (Object value : values) {
				Map<String, Object> step = new LinkedHashMap<>(Map.of("action", "keep"));
				step.put(field, value);
				add(HostileRequest
					.of("wrong type action " + field + "=" + value, HttpMethod.POST, actionsUri(), Auth.ADMIN)
					.body("application/json", json(step)));
			}
		}
	}

	private void hugeFieldCases() {
		Map<String, Integer> sizes = new LinkedHashMap<>();
		sizes.put("title", 101);
		sizes.put("body", 5_001);
		sizes.put("name", 51);
		sizes.put("phone", 1_000);
		sizes.put("email", 1_000);
		sizes.put("mailbox", 10_000);
		sizes.put("nature", 10_000);
		for (Map.Entry<String, Integer> size : sizes.entrySet()) {
			for (int length : new int[] { size.getValue(), 60_000, 250_000 }) {
				for (String unit : List.of("长", "a", "😀")) {
					Map<String, Object> letter = validLetter();
					letter.put(size.getKey(), unit.repeat(length / unit.length()));
					add(HostileRequest
						.of("huge " + size.getKey() + " " + length + "x" + unit, HttpMethod.POST, "/api/v1/letters",
								Auth.NONE)
						.body("application/json", json(letter)));
				}
			}
		}
		for (int length : new int[] { 255 * 1024, 256 * 1024, 257 * 1024, 1024 * 1024, 5 * 1024 * 1024 }) {
			String body = "{\"body\":\"" + "x".repeat(length) + "\"}";
			add(HostileRequest.of("huge request " + length, HttpMethod.POST, "/api/v1/letters", Auth.NONE)
				.body("application/json", body.getBytes(StandardCharsets.UTF_8)));
			add(HostileRequest.of("huge form " + length, HttpMethod.POST, "/letters", Auth.PAGE)
				.body("application/x-www-form-urlencoded",
						("_csrf=" + enc(this.fixture.pageCsrf()) + "&body=" + "x".repeat(length))
							.getBytes(StandardCharsets.UTF_8)));
			add(HostileRequest.of("huge import " + length, HttpMethod.POST, "/api/v1/staff/archive/import", Auth.ADMIN)
				.body("application/x-ndjson", body.getBytes(StandardCharsets.UTF_8)));
			add(HostileRequest.of("huge feedback " + length, HttpMethod.POST, feedbackUri(), Auth.NONE)
				.header("X-Access-Code", this.fixture.accessCode())
				.body("application/json",
						("{\"satisfaction\":\"satisfied\",\"comment\":\"" + "x".repeat(length) + "\"}")
							.getBytes(StandardCharsets.UTF_8)));
		}
	}

	private void invalidUtf8BodyCases() {
		for (String field : List.of("title", "body", "name")) {
			for (int i = 0; i < INVALID_UTF8.length; i++) {
				byte[] body = RawHttp.request(
						"{\"mailbox\":\"mayor\",\"nature\":\"consultation\",\"field\":\"environment\",\"region\":\"xishan\","
								+ "\"title\":\"t\",\"body\":\"b\",\"name\":\"n\",\"" + field + "\":\"a%RAW%b\"}",
						INVALID_UTF8[i]);
				add(HostileRequest
					.of("invalid utf-8 json " + field + " #" + i, HttpMethod.POST, "/api/v1/letters", Auth.NONE)
					.body("application/json", body));
				add(HostileRequest.of("invalid utf-8 form " + field + " #" + i, HttpMethod.POST, "/letters", Auth.PAGE)
					.body("application/x-www-form-urlencoded", RawHttp
						.request("_csrf=" + enc(this.fixture.pageCsrf()) + "&" + field + "=a%RAW%b", INVALID_UTF8[i])));
			}
		}
		for (int i = 0; i < INVALID_UTF8.length; i++) {
			add(HostileRequest
				.of("invalid utf-8 import #" + i, HttpMethod.POST, "/api/v1/staff/archive/import", Auth.ADMIN)
				.body("application/x-ndjson", RawHttp.request("{\"title\":\"a%RAW%b\"}\n", INVALID_UTF8[i])));
			add(HostileRequest.of("invalid utf-8 track form #" + i, HttpMethod.POST, "/track", Auth.PAGE)
				.body("application/x-www-form-urlencoded",
						RawHttp.request("_csrf=" + enc(this.fixture.pageCsrf()) + "&trackingNumber=%RAW%&accessCode=x",
								INVALID_UTF8[i])));
		}
	}

	private void mediaTypeCases() {
		byte[] letter = json(validLetter());
		List<String> types = List.of("text/plain", "application/xml", "text/html", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "multipart/form-data", "application/octet-stream",
				"application/json; charset=utf-16", "application/json; charset=nonsense", "application/json; charset=",
				"application/json;;;", "application/json; boundary", "application/jsonx", "application/*", "*/*",
				"json", "", " ", "application/json, text/plain", "application/json\u0001".replace("\u0001", ""),
				"application/x-ndjson", "application/problem+json", "APPLICATION/JSON", "application/json; q=0",
				"text/json", "application/json; charset=\"utf-8\"", "a/b/c", "/", "application/",
				"application/json; charset=iso-8859-1", "application/json; charset=utf-32");
		for (String type : types) {
			add(HostileRequest.of("letter as " + type, HttpMethod.POST, "/api/v1/letters", Auth.NONE)
				.body(type, letter));
			add(HostileRequest.of("form as " + type, HttpMethod.POST, "/letters", Auth.PAGE)
				.body(type, ("_csrf=" + enc(this.fixture.pageCsrf()) + "&title=x").getBytes(StandardCharsets.UTF_8)));
			add(HostileRequest.of("import as " + type, HttpMethod.POST, "/api/v1/staff/archive/import", Auth.ADMIN)
				.body(type, letter));
			add(HostileRequest.of("action as " + type, HttpMethod.POST, actionsUri(), Auth.ADMIN)
				.body(type, "{\"action\":\"keep\",\"comment\":\"\"}".replace("keep", "nothing")
					.getBytes(StandardCharsets.UTF_8)));
		}
		add(HostileRequest.of("letter without content type", HttpMethod.POST, "/api/v1/letters", Auth.NONE)
			.body(null, letter));
		add(HostileRequest.of("letter without body", HttpMethod.POST, "/api/v1/letters", Auth.NONE)
			.header("Content-Type", "application/json"));
	}

	// --- public endpoints ---

	private void trackingCases() {
		for (String s : HostileStrings.sample(2)) {
			String path = UriUtils.encodePathSegment(s, StandardCharsets.UTF_8);
			if (path.isEmpty()) {
				continue;
			}
			add(HostileRequest.of("track api number " + s, HttpMethod.GET, "/api/v1/letters/" + path, Auth.NONE)
				.header("X-Access-Code", this.fixture.accessCode()));
			add(HostileRequest.of("archive record " + s, HttpMethod.GET, "/api/v1/archive/" + path, Auth.NONE));
			add(HostileRequest.of("track form " + s, HttpMethod.POST, "/track", Auth.PAGE)
				.body("application/x-www-form-urlencoded", form("trackingNumber", s, "accessCode", s)));
			add(HostileRequest.of("feedback form " + s, HttpMethod.POST, "/track/feedback", Auth.PAGE)
				.body("application/x-www-form-urlencoded", form("trackingNumber", this.fixture.trackingNumber(),
						"accessCode", this.fixture.accessCode(), "satisfaction", s, "comment", s)));
			add(HostileRequest.of("feedback api " + s, HttpMethod.POST, feedbackUri(), Auth.NONE)
				.header("X-Access-Code", this.fixture.accessCode())
				.body("application/json", json(Map.of("satisfaction", s, "comment", s))));
		}
		for (String code : asciiHeaderValues()) {
			add(HostileRequest.of("track api code " + code, HttpMethod.GET, trackUri(), Auth.NONE)
				.header("X-Access-Code", code));
		}
	}

	private void archiveCases() {
		for (String s : HostileStrings.handWritten()) {
			add(HostileRequest.of("archive q " + s, HttpMethod.GET, "/api/v1/archive?q=" + enc(s), Auth.NONE));
		}
		List<String> queries = List.of("title:", "reply:", "\"", "\"unterminated", "(", ")", "((((((", "*", "?", "*a",
				"a*", "a~", "a~999", "a^", "a^-1", "[a TO", "{a TO b]", "OR", "AND", "NOT", "-", "--", "+", "!", "\\",
				"/", "/regex/", "/[/", "a:b:c", "unknown:x", "title:(", "a && b", "a || b", "title:\"x", "OR OR OR",
				"- - -", "\"\"", "~", "^", ":", "&", "|", "\u0000", "a".repeat(10_000), "x ".repeat(2_000),
				"市政 OR".repeat(500), "title:" + "a".repeat(5_000));
		for (String q : queries) {
			add(HostileRequest.of("archive q " + q, HttpMethod.GET, "/api/v1/archive?q=" + enc(q), Auth.NONE));
			add(HostileRequest.of("feed q " + q, HttpMethod.GET, "/feeds/archive.atom?q=" + enc(q), Auth.NONE));
			add(HostileRequest.of("export q " + q, HttpMethod.GET, "/api/v1/archive/export?format=ndjson&q=" + enc(q),
					Auth.NONE));
		}
		List<String> values = new ArrayList<>(HostileStrings.sample(6));
		values.addAll(List.of("-1", "0", "2147483648", "-2147483649", "99999999999999999999", "1.5", "1e3", "0x10",
				"9999-99-99", "2026-02-30", "0000-01-01", "+999999999-12-31", "2026-13-01", "2026-01-01T00:00", "true",
				"false", "yes", "", "relevance,newest", "csv", "xml", "%00"));
		for (String parameter : List.of("unit", "nature", "field", "region", "from", "to", "onTime", "sort", "page",
				"size")) {
			for (String value : values) {
				add(HostileRequest.of("archive " + parameter + "=" + value, HttpMethod.GET,
						"/api/v1/archive?" + parameter + "=" + enc(value), Auth.NONE));
			}
			add(HostileRequest.of("archive repeated " + parameter, HttpMethod.GET,
					"/api/v1/archive?" + (parameter + "=1&").repeat(200), Auth.NONE));
		}
		for (String value : values) {
			add(HostileRequest.of("stats from=" + value, HttpMethod.GET, "/api/v1/stats?from=" + enc(value),
					Auth.NONE));
			add(HostileRequest.of("stats to=" + value, HttpMethod.GET, "/api/v1/stats?from=2026-01-01&to=" + enc(value),
					Auth.NONE));
			add(HostileRequest.of("export format=" + value, HttpMethod.GET,
					"/api/v1/archive/export?format=" + enc(value), Auth.NONE));
			add(HostileRequest.of("feed unit=" + value, HttpMethod.GET, "/feeds/archive.atom?unit=" + enc(value),
					Auth.NONE));
			add(HostileRequest.of("board " + value, HttpMethod.GET, "/api/v1/board?page=" + enc(value), Auth.NONE));
		}
		add(HostileRequest.of("archive huge page", HttpMethod.GET, "/api/v1/archive?page=2147483647&size=2147483647",
				Auth.NONE));
		add(HostileRequest.of("stats reversed", HttpMethod.GET, "/api/v1/stats?from=2030-01-01&to=1990-01-01",
				Auth.NONE));
		add(HostileRequest.of("stats extreme", HttpMethod.GET,
				"/api/v1/stats?from=-999999999-01-01&to=+999999999-12-31", Auth.NONE));
	}

	private void pageCases() {
		List<String> strings = HostileStrings.sample(2);
		for (String s : strings) {
			add(HostileRequest.of("home lang " + s, HttpMethod.GET, "/?lang=" + enc(s), Auth.NONE));
			add(HostileRequest.of("track page lang " + s, HttpMethod.GET, "/track?lang=" + enc(s), Auth.NONE));
			add(HostileRequest.of("login lang " + s, HttpMethod.GET, "/login?lang=" + enc(s), Auth.NONE));
			add(HostileRequest.of("form startedAt " + s, HttpMethod.POST, "/letters", Auth.PAGE)
				.body("application/x-www-form-urlencoded", form("mailbox", s, "nature", s, "field", s, "region", s,
						"startedAt", s, "anonymous", s, "publicationConsent", s, "website", s)));
		}
		// Text fields of the web form: accepted letters must store exactly what was
		// typed.
		for (String field : List.of("title", "body", "name")) {
			for (int i = 0; i < strings.size(); i += 2) {
				Map<String, String> letter = validFormLetter();
				letter.put(field, strings.get(i));
				Map<String, String> stored = new LinkedHashMap<>();
				letter.forEach((key, value) -> {
					if (COLUMNS.containsKey(key)) {
						stored.put(COLUMNS.get(key), value);
					}
				});
				List<String> pairs = new ArrayList<>();
				letter.forEach((key, value) -> {
					pairs.add(key);
					pairs.add(value);
				});
				add(HostileRequest.of("web form " + field + " #" + i, HttpMethod.POST, "/letters", Auth.PAGE)
					.body("application/x-www-form-urlencoded", form(pairs.toArray(String[]::new)))
					.storing(stored));
			}
		}
		add(HostileRequest.of("form with duplicate fields", HttpMethod.POST, "/letters", Auth.PAGE)
			.body("application/x-www-form-urlencoded",
					form("title", "a", "title", "b", "mailbox", "mayor", "mailbox", "x")));
		add(HostileRequest.of("form of only separators", HttpMethod.POST, "/letters", Auth.PAGE)
			.body("application/x-www-form-urlencoded",
					("_csrf=" + enc(this.fixture.pageCsrf()) + "&&&&===&=&%&%%&%zz").getBytes(StandardCharsets.UTF_8)));
		StringBuilder many = new StringBuilder("_csrf=" + enc(this.fixture.pageCsrf()));
		for (int i = 0; i < 10_000; i++) {
			many.append("&f").append(i).append("=").append(i);
		}
		add(HostileRequest.of("form with 10 000 fields", HttpMethod.POST, "/letters", Auth.PAGE)
			.body("application/x-www-form-urlencoded", many.toString().getBytes(StandardCharsets.UTF_8)));
	}

	// --- staff endpoints ---

	private void staffApiCases() {
		List<String> values = new ArrayList<>(HostileStrings.sample(2));
		values.addAll(List.of("-1", "0", "2147483648", "99999999999999999999", "1.5", "", "overdue"));
		for (String value : values) {
			for (String parameter : List.of("state", "mailbox", "unit", "page")) {
				add(HostileRequest.of("staff queue " + parameter + "=" + value, HttpMethod.GET,
						"/api/v1/staff/letters?" + parameter + "=" + enc(value), Auth.ADMIN));
			}
			String path = UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
			if (!path.isEmpty()) {
				add(HostileRequest.of("staff letter " + value, HttpMethod.GET, "/api/v1/staff/letters/" + path,
						Auth.ADMIN));
				add(HostileRequest
					.of("staff action on " + value, HttpMethod.POST, "/api/v1/staff/letters/" + path + "/actions",
							Auth.ADMIN)
					.body("application/json", json(Map.of("action", "keep"))));
			}
		}
		List<String> strings = new ArrayList<>(HostileStrings.sample(2));
		strings.addAll(HostileStrings.unstorable());
		for (String s : strings) {
			// Steps a received letter cannot take, or takes with hostile text: never a
			// 5xx.
			for (String field : List.of("action", "unit", "comment", "reason", "text", "duplicateOf", "leader")) {
				Map<String, Object> step = new LinkedHashMap<>();
				step.put("action", field.equals("action") ? s : stepFor(field));
				if (!field.equals("action")) {
					step.put(field, s);
				}
				add(HostileRequest.of("staff step " + field + "=" + s, HttpMethod.POST, actionsUri(), Auth.ADMIN)
					.body("application/json", json(step)));
			}
		}
	}

	private static String stepFor(String field) {
		return switch (field) {
			case "unit" -> "assign";
			case "reason" -> "reject";
			case "text" -> "direct_reply";
			case "duplicateOf" -> "merge";
			case "leader" -> "escalate";
			default -> "accept";
		};
	}

	private void adminCases() {
		List<String> strings = new ArrayList<>(HostileStrings.sample(2));
		strings.addAll(HostileStrings.unstorable());
		strings.add("a".repeat(10_000));
		for (String s : strings) {
			add(HostileRequest.of("unit code " + s, HttpMethod.POST, "/api/v1/staff/units", Auth.ADMIN)
				.body("application/json", json(Map.of("code", s, "name", "x", "kind", "department"))));
			add(HostileRequest.of("unit name " + s, HttpMethod.POST, "/api/v1/staff/units", Auth.ADMIN)
				.body("application/json", json(Map.of("code", "hostile-unit", "name", s, "kind", "department"))));
			add(HostileRequest.of("unit kind " + s, HttpMethod.POST, "/api/v1/staff/units", Auth.ADMIN)
				.body("application/json", json(Map.of("code", "hostile-unit", "name", "x", "kind", s))));
			add(HostileRequest.of("user name " + s, HttpMethod.POST, "/api/v1/staff/users", Auth.ADMIN)
				.body("application/json",
						json(Map.of("username", s, "password", "a-long-enough-password", "roles", List.of("leader")))));
			add(HostileRequest.of("user role " + s, HttpMethod.POST, "/api/v1/staff/users", Auth.ADMIN)
				.body("application/json", json(Map.of("username", "hostile-user", "password", "a-long-enough-password",
						"roles", List.of(s)))));
			add(HostileRequest.of("user unit " + s, HttpMethod.POST, "/api/v1/staff/users", Auth.ADMIN)
				.body("application/json", json(Map.of("username", "hostile-user", "password", "a-long-enough-password",
						"roles", List.of("unit_officer"), "unit", s))));
		}
	}

	private void importCases() {
		List<String> strings = new ArrayList<>(HostileStrings.sample(2));
		strings.addAll(HostileStrings.unstorable());
		StringBuilder lines = new StringBuilder();
		int line = 0;
		for (String s : strings) {
			for (String field : List.of("trackingNumber", "mailbox", "nature", "unit", "receivedAt", "repliedAt")) {
				Map<String, Object> record = importLine(line++);
				record.put(field, s);
				lines.append(JSON.writeValueAsString(record)).append('\n');
			}
		}
		add(HostileRequest.of("import of hostile fields", HttpMethod.POST, "/api/v1/staff/archive/import", Auth.ADMIN)
			.body("application/x-ndjson", lines.toString().getBytes(StandardCharsets.UTF_8)));
		for (String broken : List.of("", "\n\n\n", "{", "[]", "null", "1", "\"x\"", "{\"title\":1}",
				"{\"trackingNumber\":[]}", "{}\n{", "\u0000\n", "{\"title\":\"\\ud800\"}", "{}".repeat(1000))) {
			add(HostileRequest.of("import line " + broken, HttpMethod.POST, "/api/v1/staff/archive/import", Auth.ADMIN)
				.body("application/x-ndjson", broken.getBytes(StandardCharsets.UTF_8)));
		}
	}

	private void consoleCases() {
		List<String> strings = HostileStrings.sample(2);
		for (String s : strings) {
			add(HostileRequest.of("console queue " + s, HttpMethod.GET, "/console?queue=" + enc(s) + "&page=" + enc(s),
					Auth.CONSOLE));
			String path = UriUtils.encodePathSegment(s, StandardCharsets.UTF_8);
			if (!path.isEmpty()) {
				add(HostileRequest.of("console letter " + s, HttpMethod.GET, "/console/letters/" + path, Auth.CONSOLE));
				add(HostileRequest.of("console slip " + s, HttpMethod.GET,
						"/console/letters/" + this.fixture.trackingNumber() + "/slip/" + path, Auth.CONSOLE));
			}
			add(HostileRequest.of("console step " + s, HttpMethod.POST, consoleActionsUri(), Auth.CONSOLE)
				.body("application/x-www-form-urlencoded", consoleForm("action", s, "unit", s, "comment", s, "days", s,
						"committedDate", s, "interim", s)));
			add(HostileRequest.of("console accept comment " + s, HttpMethod.POST, consoleActionsUri(), Auth.CONSOLE)
				.body("application/x-www-form-urlencoded", consoleForm("action", "nothing", "comment", s)));
		}
		for (String s : HostileStrings.unstorable()) {
			add(HostileRequest.of("console keep comment nul", HttpMethod.POST, consoleActionsUri(), Auth.CONSOLE)
				.body("application/x-www-form-urlencoded", consoleForm("action", "defer", "comment", s)));
		}
	}

	// --- protocol: headers and methods ---

	private void headerCases() {
		List<HostileRequest> targets = List.of(HostileRequest.of("home", HttpMethod.GET, "/", Auth.NONE),
				HostileRequest.of("archive", HttpMethod.GET, "/api/v1/archive?q=x", Auth.NONE),
				HostileRequest.of("tracking api", HttpMethod.GET, trackUri(), Auth.NONE)
					.header("X-Access-Code", this.fixture.accessCode()),
				HostileRequest.of("letters api", HttpMethod.POST, "/api/v1/letters", Auth.NONE)
					.body("application/json", json(invalidLetter())),
				HostileRequest.of("staff me", HttpMethod.GET, "/api/v1/staff/me", Auth.NONE),
				HostileRequest.of("console", HttpMethod.GET, "/console", Auth.CONSOLE));
		List<String[]> abuses = new ArrayList<>();
		for (String accept : List.of("text/html", "application/xml", "image/png", "*/*;q=abc", "garbage",
				"application/json;q=0", "text/html;q=0.1, application/xml", ";;;", "application/problem+json", "text/*",
				"*/json", "application/json, */*;q=0", "x".repeat(5_000))) {
			abuses.add(new String[] { "Accept", accept });
		}
		for (String language : List.of("*", "zz-ZZZZ", "en-", "-", "en;q=abc", "zh-CN;q=2", "xx-Xxxx-YY-variant-1",
				"i-klingon", "en-US-x-private", ",,,", "en_US", "../../etc", "x".repeat(3_000),
				"zh-Hant-TW, fr;q=0.9")) {
			abuses.add(new String[] { "Accept-Language", language });
		}
		for (String forwarded : List.of("garbage", "1.2.3.4, <script>", "::::", "999.999.999.999", "unknown",
				"127.0.0.1", "10.0.0.1, 127.0.0.1", "[::1]:80", "1.2.3.4:99999", "fe80::1%eth0", "0.0.0.0",
				"203.0.113.9, ".repeat(500), "", ",", "1.2.3.4\t5.6.7.8")) {
			abuses.add(new String[] { "X-Forwarded-For", forwarded });
		}
		for (String charset : List.of("Accept-Charset: nonsense", "Accept-Encoding: gzip;q=abc, br, zstd, x-nonsense",
				"Cookie: SESSION=; SESSION=..; lang=<script>", "Cookie: lang=" + "x".repeat(3_000), "Cookie: ;;;;;;",
				"Cookie: lang=zz", "Range: bytes=0-1,2-3,4-5", "Range: bytes=-99999999999999", "If-None-Match: *",
				"If-Modified-Since: yesterday", "X-HTTP-Method-Override: DELETE", "X-Forwarded-Proto: gopher",
				"X-Forwarded-Host: evil.example", "Forwarded: for=\"[zz]\";proto=x", "Origin: null",
				"Origin: http://evil.example", "Referer: javascript:alert(1)", "Expect: 100-continue",
				"Expect: nonsense", "Content-Encoding: gzip", "Content-Encoding: nonsense", "Upgrade: websocket",
				"Connection: Upgrade, HTTP2-Settings", "TE: trailers, nonsense", "Max-Forwards: -1",
				"Authorization: Basic !!!!", "Authorization: Basic YWRtaW4=", "Authorization: Bearer x",
				"Authorization: Basic " + "QUFB".repeat(2_000), "Authorization: Digest username=admin",
				"Authorization: Basic YWRtaW46", "X-Access-Code: " + "x".repeat(4_000))) {
			int colon = charset.indexOf(':');
			abuses.add(new String[] { charset.substring(0, colon), charset.substring(colon + 2) });
		}
		abuses.add(new String[] { "X-Huge", "x".repeat(7_000) });
		abuses.add(new String[] { "X-Huge", "x".repeat(20_000) });
		abuses.add(new String[] { "X-Huge", "x".repeat(100_000) });
		for (HostileRequest target : targets) {
			for (String[] abuse : abuses) {
				String name = "header " + abuse[0] + ": " + abbreviate(abuse[1]) + " on " + target.name();
				HostileRequest request = new HostileRequest(name, target.method(), target.uri(), target.headers(),
						target.body(), target.auth(), null, Map.of());
				add(request.header(abuse[0], abuse[1]));
			}
			HostileRequest base = new HostileRequest("duplicate headers on " + target.name(), target.method(),
					target.uri(), target.headers(), target.body(), target.auth(), null, Map.of());
			add(base.header("Accept-Language", "en").header("Accept-Language", "zh-CN"));
			add(base.header("X-Forwarded-For", "1.1.1.1").header("X-Forwarded-For", "2.2.2.2"));
			add(base.header("Content-Type", "application/json").header("Content-Type", "text/plain"));
			add(base.header("X-Access-Code", "a").header("X-Access-Code", "b"));
			HostileRequest many = base;
			for (int i = 0; i < 150; i++) {
				many = many.header("X-Many-" + i, "v" + i);
			}
			add(many);
		}
		List<String> keys = new ArrayList<>(List.of("", " ", "x".repeat(300), "x".repeat(5_000), "<script>",
				"' OR 1=1 --", "../../etc", "key with spaces", "\t", "ключ".replace("ключ", "k\u00e9y")));
		for (int i = 0; i < keys.size(); i++) {
			add(HostileRequest.of("idempotency key #" + i, HttpMethod.POST, "/api/v1/letters", Auth.NONE)
				.header("Idempotency-Key", keys.get(i))
				.body("application/json", json(invalidLetter())));
		}
		add(HostileRequest.of("two idempotency keys", HttpMethod.POST, "/api/v1/letters", Auth.NONE)
			.header("Idempotency-Key", "a-key-1")
			.header("Idempotency-Key", "a-key-2")
			.body("application/json", json(invalidLetter())));
	}

	private void methodCases() {
		List<String> endpoints = List.of("/", "/letters", "/track", "/track/feedback", "/login", "/logout", "/console",
				"/console/leader", "/console/letters/" + this.fixture.trackingNumber(), consoleActionsUri(),
				"/console/letters/" + this.fixture.trackingNumber() + "/slip/handling", "/api/v1/letters", trackUri(),
				feedbackUri(), "/api/v1/archive", "/api/v1/archive/" + this.fixture.trackingNumber(),
				"/api/v1/archive/export", "/feeds/archive.atom", "/api/v1/stats", "/api/v1/board", "/api/v1/staff/me",
				"/api/v1/staff/letters", "/api/v1/staff/letters/" + this.fixture.trackingNumber(), actionsUri(),
				"/api/v1/staff/units", "/api/v1/staff/users", "/api/v1/staff/archive/import", "/v3/api-docs",
				"/actuator/health", "/actuator/env", "/css/site.css", "/site/", "/nowhere", "/api/v1/nowhere");
		List<HttpMethod> methods = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
				HttpMethod.PATCH, HttpMethod.OPTIONS, HttpMethod.HEAD, HttpMethod.TRACE,
				HttpMethod.valueOf("PROPFIND"));
		for (String endpoint : endpoints) {
			for (HttpMethod method : methods) {
				boolean staff = endpoint.contains("/staff") || endpoint.startsWith("/console")
						|| endpoint.startsWith("/actuator");
				for (Auth auth : staff ? List.of(Auth.NONE, Auth.ADMIN) : List.of(Auth.NONE)) {
					HostileRequest request = HostileRequest.of(method + " " + endpoint + " as " + auth, method,
							endpoint, auth);
					if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
						request = request.body("application/json", "{}".getBytes(StandardCharsets.UTF_8));
					}
					add(request);
				}
			}
		}
	}

	// --- raw bytes on a socket ---

	private void traversalCases() {
		List<String> paths = List.of("/site/../application.yml", "/site/../../../../etc/passwd",
				"/site/%2e%2e/application.yml", "/site/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/site/..%2f..%2fetc%2fpasswd",
				"/css/..%2fapplication.yml", "/css/..%2f..%2f..%2fetc%2fpasswd", "/css/%2e%2e/%2e%2e/etc/passwd",
				"/css/..\\..\\application.yml", "/css/..%5c..%5capplication.yml", "/css/%252e%252e/application.yml",
				"/css/%c0%ae%c0%ae/application.yml", "/css/%c0%af../application.yml", "/css/.%2e/application.yml",
				"/css/site.css%00.html", "/css/site.css/..;/..;/application.yml", "/css/;/../application.yml",
				"/static/../application.yml", "/templates/home.html", "/application.yml", "/../../etc/passwd",
				"/%2e%2e/%2e%2e/etc/passwd", "/..%00/", "/site/%00", "/site/..", "/site/.", "/site//etc/passwd",
				"/site/%2F%2Fetc%2Fpasswd", "/site/file:%2F%2F%2Fetc%2Fpasswd", "//etc/passwd", "/./././",
				"/api/v1/../../application.yml", "/api/v1/letters/..%2f..%2fstaff%2fletters",
				"/api/v1/archive/..%2fstaff", "/console/../api/v1/staff/me", "/console/%2e%2e/api/v1/staff/me",
				"/login/..;/console", "/console;x=y", "/CONSOLE", "/console%2f", "/api/v1/staff%2fletters",
				"/api/v1/STAFF/letters", "/api/v1/staff/./letters", "/api//v1//staff//letters",
				"/actuator/../actuator/env", "/actuator;/env", "/site/" + "../".repeat(50) + "etc/passwd",
				"/" + "a/".repeat(2_000), "/css/" + "x".repeat(10_000), "/site/%u002e%u002e/application.yml", "/site/%",
				"/site/%zz", "/site/%2", "/?" + "a=1&".repeat(3_000), "/track?%", "/api/v1/archive?q=%zz%",
				"/api/v1/archive?%00=%00", "*", "http://127.0.0.1/", "http://evil.example/api/v1/staff/me", "/%E0%A4%A",
				"/%C0%80", "/\u00ff".replace("\u00ff", "%FF"));
		for (String path : paths) {
			add(HostileRequest.raw("traversal " + abbreviate(path),
					("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1)));
			add(HostileRequest.raw("traversal as admin " + abbreviate(path),
					("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
							+ java.util.Base64.getEncoder()
								.encodeToString((HostileInputIntegrationTests.ADMIN + ":"
										+ HostileInputIntegrationTests.ADMIN_PASSWORD)
									.getBytes(StandardCharsets.UTF_8))
							+ "\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1)));
		}
	}

	private void rawByteCases() {
		String session = "Host: 127.0.0.1\r\nConnection: close\r\n";
		for (int i = 0; i < INVALID_UTF8.length; i++) {
			byte[] bad = INVALID_UTF8[i];
			add(HostileRequest.raw("invalid utf-8 in path #" + i, RawHttp
				.request("GET /api/v1/letters/%RAW% HTTP/1.1\r\nX-Access-Code: x\r\n" + session + "\r\n", bad)));
			add(HostileRequest.raw("invalid utf-8 in page path #" + i,
					RawHttp.request("GET /site/%RAW% HTTP/1.1\r\n" + session + "\r\n", bad)));
			add(HostileRequest.raw("invalid utf-8 in query #" + i,
					RawHttp.request("GET /api/v1/archive?q=%RAW% HTTP/1.1\r\n" + session + "\r\n", bad)));
			add(HostileRequest.raw("invalid utf-8 in access code #" + i, RawHttp
				.request("GET " + trackUri() + " HTTP/1.1\r\nX-Access-Code: %RAW%\r\n" + session + "\r\n", bad)));
			add(HostileRequest.raw("invalid utf-8 in accept-language #" + i,
					RawHttp.request("GET / HTTP/1.1\r\nAccept-Language: %RAW%\r\n" + session + "\r\n", bad)));
			add(HostileRequest.raw("invalid utf-8 in basic credentials #" + i,
					RawHttp.request("GET /api/v1/staff/me HTTP/1.1\r\nAuthorization: Basic "
							+ java.util.Base64.getEncoder().encodeToString(RawHttp.request("admin:%RAW%", bad)) + "\r\n"
							+ session + "\r\n", new byte[0])));
			add(HostileRequest.raw("invalid utf-8 in idempotency key #" + i,
					RawHttp.request(
							"POST /api/v1/letters HTTP/1.1\r\nIdempotency-Key: %RAW%\r\n"
									+ "Content-Type: application/json\r\nContent-Length: 2\r\n" + session + "\r\n{}",
							bad)));
			add(HostileRequest.raw("invalid utf-8 in cookie #" + i,
					RawHttp.request("GET /console HTTP/1.1\r\nCookie: SESSION=%RAW%\r\n" + session + "\r\n", bad)));
		}
		List<String> requests = List.of("GET / HTTP/1.1\r\nX-Nul: a\u0000b\r\n" + session + "\r\n",
				"GET " + trackUri() + " HTTP/1.1\r\nX-Access-Code: \u0000\r\n" + session + "\r\n",
				"GET / HTTP/1.1\r\nAccept-Language: zh\u0000CN\r\n" + session + "\r\n",
				"GET /\u0000 HTTP/1.1\r\n" + session + "\r\n", "GET / HTTP/1.1\r\nX-Bare: a\rb\r\n" + session + "\r\n",
				"GET / HTTP/1.1\r\nX-Folded: a\r\n b\r\n" + session + "\r\n",
				"GET / HTTP/1.1\r\n : empty name\r\n" + session + "\r\n",
				"GET / HTTP/1.1\r\nNo-Colon\r\n" + session + "\r\n", "GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.0\r\n\r\n",
				"GET /\r\n\r\n", "GET / HTTP/9.9\r\n" + session + "\r\n", "GET / FOO/1.1\r\n" + session + "\r\n",
				"get / HTTP/1.1\r\n" + session + "\r\n", "G\u00c9T / HTTP/1.1\r\n" + session + "\r\n",
				" GET / HTTP/1.1\r\n" + session + "\r\n", "GET  /  HTTP/1.1\r\n" + session + "\r\n",
				"\r\n\r\nGET / HTTP/1.1\r\n" + session + "\r\n",
				"GET / HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n",
				"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
				"GET / HTTP/1.1\r\nHost: <script>\r\nConnection: close\r\n\r\n",
				"GET / HTTP/1.1\r\nHost: 127.0.0.1:99999\r\nConnection: close\r\n\r\n",
				"POST /api/v1/letters HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
						+ "Content-Length: 5\r\n" + session + "\r\n{}",
				"POST /api/v1/letters HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: -1\r\n" + session
						+ "\r\n{}",
				"POST /api/v1/letters HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: abc\r\n" + session
						+ "\r\n{}",
				"POST /api/v1/letters HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999\r\n"
						+ session + "\r\n{}",
				"POST /api/v1/letters HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
						+ "Content-Length: 3\r\n" + session + "\r\n2\r\n{}\r\n0\r\n\r\n",
				"POST /api/v1/letters HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
						+ session + "\r\nzz\r\n{}\r\n0\r\n\r\n",
				"POST /api/v1/letters HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
						+ session + "\r\n1\r\n{}\r\n0\r\n\r\n",
				"POST /api/v1/letters HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n"
						+ session + "\r\n2\r\n{}\r\n0\r\n\r\n",
				"POST /api/v1/letters HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: nonsense\r\n"
						+ session + "\r\n{}",
				"POST /api/v1/letters HTTP/1.1\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
						+ "Content-Length: 2\r\n" + session + "\r\n{}",
				"BREW / HTTP/1.1\r\n" + session + "\r\n", "CONNECT 127.0.0.1:22 HTTP/1.1\r\n" + session + "\r\n",
				"GET /api/v1/archive HTTP/1.1\r\nAccept: application/json\r\nX-Forwarded-For: \u00ff\u00fe\r\n"
						+ session + "\r\n",
				"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
				"\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003");
		for (int i = 0; i < requests.size(); i++) {
			add(HostileRequest.raw("raw request #" + i + " " + abbreviate(requests.get(i)),
					requests.get(i).getBytes(StandardCharsets.ISO_8859_1)));
		}
		// Forms with raw NUL and CR bytes (percent-encoded only by a careful client).
		for (String field : List.of("title", "body", "name")) {
			String form = "_csrf=x&" + field + "=a%00b";
			add(HostileRequest.of("form nul " + field, HttpMethod.POST, "/letters", Auth.PAGE)
				.body("application/x-www-form-urlencoded",
						(form.replace("_csrf=x", "_csrf=" + enc(this.fixture.pageCsrf())))
							.getBytes(StandardCharsets.UTF_8)));
		}
	}

	// --- helpers ---

	/**
	 * One case in {@link #SAMPLE}, and of those only one in {@link #STAFF_API_SAMPLE}
	 * sent with HTTP Basic (deterministically, in generation order): Basic costs a bcrypt
	 * per request, most of a second on a busy machine. The console cases use a signed-in
	 * session.
	 */
	private List<HostileRequest> sampled() {
		List<HostileRequest> kept = new ArrayList<>();
		int staff = 0;
		int index = 0;
		for (HostileRequest request : this.cases) {
			boolean inSample = index++ % SAMPLE == 0;
			if (inSample && (request.auth() != Auth.ADMIN || staff++ % STAFF_API_SAMPLE == 0)) {
				kept.add(request);
			}
		}
		return kept;
	}

	private void add(HostileRequest request) {
		this.cases.add(request);
	}

	private String trackUri() {
		return "/api/v1/letters/" + this.fixture.trackingNumber();
	}

	private String feedbackUri() {
		return trackUri() + "/feedback";
	}

	private String actionsUri() {
		return "/api/v1/staff/letters/" + this.fixture.trackingNumber() + "/actions";
	}

	private String consoleActionsUri() {
		return "/console/letters/" + this.fixture.trackingNumber() + "/actions";
	}

	static Map<String, Object> validLetter() {
		Map<String, Object> letter = new LinkedHashMap<>();
		letter.put("mailbox", "mayor");
		letter.put("nature", "suggestion");
		letter.put("field", "environment");
		letter.put("region", "xishan");
		letter.put("title", "关于公园绿化的建议");
		letter.put("body", "建议在西山公园多种一些树，夏天太热了。");
		letter.put("name", "李四");
		letter.put("phone", "13800138000");
		letter.put("email", "li@example.cn");
		letter.put("anonymous", false);
		letter.put("publicationConsent", true);
		return letter;
	}

	/** A letter refused by validation, for cases about headers rather than content. */
	private static Map<String, Object> invalidLetter() {
		Map<String, Object> letter = validLetter();
		letter.put("nature", "not-a-nature");
		return letter;
	}

	private static Map<String, String> validFormLetter() {
		Map<String, String> letter = new LinkedHashMap<>();
		validLetter().forEach((key, value) -> {
			if (!(value instanceof Boolean)) {
				letter.put(key, (String) value);
			}
		});
		letter.put("publicationConsent", "true");
		// Filled like a person, not a bot: the spam screen reads the fill time.
		letter.put("startedAt", String.valueOf(System.currentTimeMillis() - 60_000));
		return letter;
	}

	private static Map<String, Object> importLine(int line) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("trackingNumber", "HX20260101-" + String.format("%05d", line));
		record.put("mailbox", "mayor");
		record.put("nature", "complaint");
		record.put("field", "environment");
		record.put("region", "xishan");
		record.put("unit", "hostile-unit");
		record.put("title", "导入的信件");
		record.put("body", "内容");
		record.put("receivedAt", "2026-01-05T09:00:00+08:00");
		record.put("reply", "已处理");
		record.put("repliedAt", "2026-01-08T09:00:00+08:00");
		return record;
	}

	private byte[] form(String... pairs) {
		StringBuilder form = new StringBuilder("_csrf=").append(enc(this.fixture.pageCsrf()));
		for (int i = 0; i < pairs.length; i += 2) {
			form.append('&').append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
		}
		return form.toString().getBytes(StandardCharsets.UTF_8);
	}

	private byte[] consoleForm(String... pairs) {
		StringBuilder form = new StringBuilder("_csrf=").append(enc(this.fixture.consoleCsrf()));
		for (int i = 0; i < pairs.length; i += 2) {
			form.append('&').append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
		}
		return form.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] json(Object value) {
		return JSON.writeValueAsBytes(value);
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** ASCII values an HTTP client will send in a header (no CR, LF or NUL). */
	private static List<String> asciiHeaderValues() {
		List<String> values = new ArrayList<>();
		for (String s : HostileStrings.handWritten()) {
			if (s.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)) {
				values.add(s);
			}
		}
		values.add("x".repeat(4_000));
		return values;
	}

	private static String abbreviate(String text) {
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() > 60) ? printable.substring(0, 60) + "…(" + printable.length() + ")" : printable;
	}

}
