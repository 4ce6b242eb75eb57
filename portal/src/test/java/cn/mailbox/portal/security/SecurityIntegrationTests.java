package cn.mailbox.portal.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.Citizens.Receipt;
import cn.mailbox.portal.PageSessions;
import cn.mailbox.portal.PageSessions.Session;
import cn.mailbox.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static cn.mailbox.portal.PageSessions.credentials;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security basics end to end: the headers on every kind of answer, session fixation
 * protection and CSRF on the console, and secrets (access codes, passwords) kept out of
 * the logs at every level. The authorisation matrix is
 * {@link AuthorisationMatrixIntegrationTests}.
 */
@PortalIntegrationTest
class SecurityIntegrationTests {

	private static final Pattern ACCESS_CODE = Pattern.compile("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");

	private WebTestClient http;

	/**
	 * The shared 2-core machine can be slow: wait longer than the client's 5 s default.
	 */
	@Autowired
	void http(WebTestClient http) {
		this.http = http.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build();
	}

	@Autowired
	DatabaseClient db;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@Test
	void publicPagesCarryAStrictPolicyAndTheOtherSecurityHeaders() {
		for (String path : List.of("/", "/track", "/login", "/login?lang=en", "/?lang=en", "/nowhere")) {
			EntityExchangeResult<String> page = this.http.get()
				.uri(path)
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.expectBody(String.class)
				.returnResult();
			HttpHeaders headers = page.getResponseHeaders();
			assertThat(headers.getFirst("Content-Security-Policy")).as(path)
				.contains("default-src 'self'")
				.contains("script-src 'self'")
				.contains("object-src 'none'")
				.contains("frame-ancestors 'none'")
				.doesNotContain("unsafe-inline")
				.doesNotContain("unsafe-eval");
			assertCommonHeaders(path, headers);
		}
	}

	@Test
	void theApiAndItsErrorsCarryTheSecurityHeaders() {
		List<WebTestClient.RequestHeadersSpec<?>> requests = List.of(this.http.get().uri("/api/v1/archive"),
				this.http.get().uri("/api/v1/board"), this.http.get().uri("/api/v1/letters/SZ20000101-00001"),
				this.http.get().uri("/api/v1/staff/letters"),
				this.http.post().uri("/api/v1/letters").contentType(MediaType.APPLICATION_JSON).bodyValue("{bad"));
		for (WebTestClient.RequestHeadersSpec<?> request : requests) {
			EntityExchangeResult<byte[]> answer = request.exchange().expectBody().returnResult();
			String what = answer.getMethod() + " " + answer.getUrl().getPath() + " " + answer.getStatus();
			assertCommonHeaders(what, answer.getResponseHeaders());
			assertThat(answer.getResponseHeaders().getFirst("Content-Security-Policy")).as(what)
				.doesNotContain("unsafe-inline");
		}
	}

	@Test
	void staffPagesCarryTheSamePolicy() {
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		for (String path : List.of("/console", "/console/leader", "/console/letters/SZ20000101-00001")) {
			EntityExchangeResult<String> page = get(path, admin);
			assertThat(page.getResponseHeaders().getFirst("Content-Security-Policy")).as(path)
				.contains("script-src 'self'")
				.doesNotContain("unsafe-inline");
			assertCommonHeaders(path, page.getResponseHeaders());
			assertThat(page.getResponseHeaders().getCacheControl()).as(path).contains("no-store");
		}
	}

	@Test
	void signingInIssuesANewSessionIdAndTheOldOneIsWorthless() {
		EntityExchangeResult<String> login = get("/login", null);
		String before = login.getResponseCookies().getFirst("SESSION").getValue();
		EntityExchangeResult<String> signedIn = postForm("/login", new Session(before, csrf(login)),
				credentials("admin", PortalIntegrationTest.ADMIN_PASSWORD));
		ResponseCookie after = signedIn.getResponseCookies().getFirst("SESSION");
		assertThat(after)
			.as("a new session cookie; sign-in answered %s %s", signedIn.getStatus(),
					signedIn.getResponseHeaders().getLocation())
			.isNotNull();
		assertThat(after.getValue()).isNotEqualTo(before);
		assertThat(after.isHttpOnly()).isTrue();
		assertThat(get("/console", new Session(before, null)).getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(get("/console", new Session(after.getValue(), null)).getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void consoleAndPublicFormsRefuseAPostWithoutTheCsrfToken() {
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		String letter = submitLetter().trackingNumber();
		MultiValueMap<String, String> accept = new LinkedMultiValueMap<>();
		accept.add("action", "accept");
		assertThat(
				postForm("/console/letters/" + letter + "/actions", new Session(admin.id(), null), accept).getStatus())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(postForm("/console/letters/" + letter + "/actions", new Session(admin.id(), "forged-token"), accept)
			.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(postForm("/logout", new Session(admin.id(), null), new LinkedMultiValueMap<>()).getStatus())
			.isEqualTo(HttpStatus.FORBIDDEN);
		EntityExchangeResult<String> login = get("/login", null);
		assertThat(postForm("/login", new Session(login.getResponseCookies().getFirst("SESSION").getValue(), null),
				credentials("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		EntityExchangeResult<String> home = get("/", null);
		Session visitor = new Session(home.getResponseCookies().getFirst("SESSION").getValue(), null);
		MultiValueMap<String, String> track = new LinkedMultiValueMap<>();
		track.add("trackingNumber", letter);
		track.add("accessCode", "AAAA-AAAA-AAAA");
		assertThat(postForm("/track", visitor, track).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(postForm("/letters", visitor, track).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		// Nothing happened to the letter.
		String state = this.db.sql("select state from letters where tracking_number = :n")
			.bind("n", letter)
			.map((row) -> row.get("state", String.class))
			.one()
			.block();
		assertThat(state).isEqualTo("received");
	}

	/**
	 * The requests go through the JDK's HTTP client, which does not log through SLF4J:
	 * the test's own WebTestClient would log the bodies it encodes and decodes at TRACE,
	 * which says nothing about the server.
	 */
	@Test
	void accessCodesAndPasswordsNeverReachTheLogsAtAnyLevel() throws Exception {
		String password = "pw-" + UUID.randomUUID();
		String username = "secret-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> secrets = new ArrayList<>(List.of(password, PortalIntegrationTest.ADMIN_PASSWORD));
		Plain visitor = new Plain(this.port);
		Plain staff = new Plain(this.port);
		List<ILoggingEvent> events;
		try (CapturedLogs logs = CapturedLogs.everything()) {
			String basicAdmin = "admin:" + PortalIntegrationTest.ADMIN_PASSWORD;
			assertThat(
					staff
						.json("POST", "/api/v1/staff/users", basicAdmin,
								"{\"username\":\"" + username + "\",\"password\":\"" + password
										+ "\",\"roles\":[\"leader\"]}")
						.statusCode())
				.isEqualTo(201);
			var submitted = visitor.json("POST", "/api/v1/letters", null, """
					{"mailbox":"mayor","nature":"consultation","field":"transport","region":"nanhu",
					 "title":"公交卡办理咨询","body":"请问老年人公交卡在哪里办理，需要带什么材料？",
					 "name":"钱七","phone":"13600136000","publicationConsent":false}""");
			assertThat(submitted.statusCode()).isEqualTo(201);
			Matcher apiCode = ACCESS_CODE.matcher(submitted.body());
			assertThat(apiCode.find()).isTrue();
			String accessCode = apiCode.group();
			Matcher number = Pattern.compile("SZ\\d{8}-\\d{5}").matcher(submitted.body());
			assertThat(number.find()).isTrue();
			secrets.add(accessCode);
			assertThat(visitor.get("/api/v1/letters/" + number.group(), "X-Access-Code", accessCode).statusCode())
				.isEqualTo(200);
			assertThat(visitor.get("/api/v1/letters/" + number.group(), "X-Access-Code", "WRONG-" + accessCode)
				.statusCode()).isEqualTo(404);
			String home = visitor.get("/", null, null).body();
			Map<String, String> letter = new LinkedHashMap<>();
			letter.put("_csrf", csrf(home));
			letter.put("mailbox", "mayor");
			letter.put("nature", "suggestion");
			letter.put("field", "environment");
			letter.put("region", "xishan");
			letter.put("title", "建议增设公交站");
			letter.put("body", "建议在西山区人民路增设一个公交站，方便居民出行。");
			letter.put("name", "赵六");
			letter.put("phone", "13700137000");
			letter.put("startedAt", String.valueOf(System.currentTimeMillis() - 60_000));
			String confirmation = visitor.form("/letters", letter).body();
			Matcher formCode = ACCESS_CODE.matcher(confirmation);
			assertThat(formCode.find()).as("the confirmation page shows the access code").isTrue();
			secrets.add(formCode.group());
			assertThat(visitor
				.form("/track", Map.of("_csrf", csrf(home), "trackingNumber", number.group(), "accessCode", accessCode))
				.statusCode()).isEqualTo(200);
			String login = staff.get("/login", null, null).body();
			var signedIn = staff.form("/login",
					Map.of("_csrf", csrf(login), "username", username, "password", password));
			assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/console");
			Plain stranger = new Plain(this.port);
			String otherLogin = stranger.get("/login", null, null).body();
			secrets.add(password + "-wrong");
			assertThat(
					stranger
						.form("/login",
								Map.of("_csrf", csrf(otherLogin), "username", username, "password",
										password + "-wrong"))
						.headers()
						.firstValue("Location")
						.orElse(""))
				.contains("error");
			assertThat(staff.json("GET", "/api/v1/staff/me", username + ":" + password, null).statusCode())
				.isEqualTo(200);
			assertThat(staff.json("GET", "/api/v1/staff/me", username + ":" + password + "-wrong", null).statusCode())
				.isEqualTo(401);
			events = logs.events();
		}
		assertThat(events).as("logging was captured at every level").isNotEmpty();
		for (ILoggingEvent event : events) {
			String text = event.getFormattedMessage() + " " + event.getMDCPropertyMap()
					+ ((event.getThrowableProxy() != null) ? ThrowableProxyUtil.asString(event.getThrowableProxy())
							: "");
			for (String secret : secrets) {
				assertThat(text).as("%s %s", event.getLevel(), event.getLoggerName()).doesNotContain(secret);
			}
		}
	}

	/** A plain JDK HTTP client with its own cookies, like one browser. */
	private static final class Plain {

		private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
			.cookieHandler(new java.net.CookieManager())
			.build();

		private final String base;

		Plain(int port) {
			this.base = "http://127.0.0.1:" + port;
		}

		java.net.http.HttpResponse<String> get(String path, String header, String value) throws Exception {
			var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.base + path)).GET();
			if (header != null) {
				request.header(header, value);
			}
			return this.client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		}

		java.net.http.HttpResponse<String> json(String method, String path, String basic, String body)
				throws Exception {
			var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.base + path))
				.method(method, (body != null) ? java.net.http.HttpRequest.BodyPublishers.ofString(body)
						: java.net.http.HttpRequest.BodyPublishers.noBody());
			if (body != null) {
				request.header("Content-Type", "application/json");
			}
			if (basic != null) {
				request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
					.encodeToString(basic.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			}
			return this.client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		}

		java.net.http.HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
			StringBuilder body = new StringBuilder();
			fields.forEach((key, value) -> body.append(body.isEmpty() ? "" : "&")
				.append(java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8))
				.append('=')
				.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
			var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.base + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString()));
			return this.client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		}

	}

	private static String csrf(String page) {
		return PageSessions.csrf(page);
	}

	private static void assertCommonHeaders(String what, HttpHeaders headers) {
		assertThat(headers.getFirst("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
		assertThat(headers.getFirst("X-Frame-Options")).as(what).isEqualTo("DENY");
		assertThat(headers.getFirst("Referrer-Policy")).as(what)
			.isIn("same-origin", "no-referrer", "strict-origin", "strict-origin-when-cross-origin");
		assertThat(headers.getFirst("Content-Security-Policy")).as(what).isNotBlank();
	}

	private Receipt submitLetter() {
		Map<String, Object> letter = Citizens.letter("consultation", "transport", "nanhu", "公交卡办理咨询",
				"请问老年人公交卡在哪里办理，需要带什么材料？");
		letter.put("name", "钱七");
		letter.put("phone", "13600136000");
		letter.put("publicationConsent", false);
		return Citizens.submit(this.http, letter);
	}

	/** Signed in with the session id alone: each test adds the token it is about. */
	private Session signIn(String username, String password) {
		return new Session(PageSessions.signIn(this.http, username, password).id(), null);
	}

	private EntityExchangeResult<String> get(String path, Session session) {
		return PageSessions.get(this.http, path, session);
	}

	private EntityExchangeResult<String> postForm(String path, Session session, MultiValueMap<String, String> form) {
		return PageSessions.postForm(this.http, path, session, form);
	}

	private static String csrf(EntityExchangeResult<String> page) {
		return PageSessions.csrf(page.getResponseBody());
	}

	/**
	 * Every logger at TRACE into a list for the duration, the usual appenders muted so
	 * the build log stays readable; levels and appenders are restored on close.
	 */
	static final class CapturedLogs implements AutoCloseable {

		private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

		private final Map<Logger, Level> levels = new LinkedHashMap<>();

		private final List<Appender<ILoggingEvent>> muted = new ArrayList<>();

		private final ListAppender<ILoggingEvent> list = new ListAppender<>();

		private final Logger root = this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

		static CapturedLogs everything() {
			return new CapturedLogs();
		}

		private CapturedLogs() {
			for (Logger logger : this.context.getLoggerList()) {
				this.levels.put(logger, logger.getLevel());
				if (logger != this.root) {
					logger.setLevel(null);
				}
			}
			this.root.iteratorForAppenders().forEachRemaining(this.muted::add);
			this.muted.forEach(this.root::detachAppender);
			this.list.setContext(this.context);
			this.list.start();
			this.root.addAppender(this.list);
			this.root.setLevel(Level.ALL);
		}

		List<ILoggingEvent> events() {
			synchronized (this.list) {
				return List.copyOf(this.list.list);
			}
		}

		@Override
		public void close() {
			this.levels.forEach(Logger::setLevel);
			this.root.detachAppender(this.list);
			this.muted.forEach(this.root::addAppender);
			this.list.stop();
		}

	}

}
