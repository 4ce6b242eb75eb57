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
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security basics end to end: the headers on every kind of answer, session fixation
 * protection and CSRF on the console, and secrets (access codes, passwords) kept out of
 * the logs at every level. The authorisation matrix is
 * {@link AuthorisationMatrixIntegrationTests}.
 */
@PortalIntegrationTest
class SecurityIntegrationTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

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
		assertThat(after).isNotNull();
		assertThat(after.getValue()).isNotEqualTo(before);
		assertThat(after.isHttpOnly()).isTrue();
		assertThat(after.getSameSite()).isNotNull();
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

	@Test
	void accessCodesAndPasswordsNeverReachTheLogsAtAnyLevel() {
		String password = "pw-" + UUID.randomUUID();
		String username = "secret-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> secrets = new ArrayList<>(List.of(password, PortalIntegrationTest.ADMIN_PASSWORD));
		List<ILoggingEvent> events;
		try (CapturedLogs logs = CapturedLogs.everything()) {
			createUser(username, password);
			Submitted api = submitLetter();
			secrets.add(api.accessCode());
			this.http.get()
				.uri("/api/v1/letters/" + api.trackingNumber())
				.header("X-Access-Code", api.accessCode())
				.exchange()
				.expectStatus()
				.isOk();
			this.http.get()
				.uri("/api/v1/letters/" + api.trackingNumber())
				.header("X-Access-Code", "WRONG-CODE-" + api.accessCode().substring(0, 4))
				.exchange()
				.expectStatus()
				.isNotFound();
			EntityExchangeResult<String> home = get("/", null);
			Session visitor = new Session(home.getResponseCookies().getFirst("SESSION").getValue(), csrf(home));
			MultiValueMap<String, String> letter = new LinkedMultiValueMap<>();
			letter.add("mailbox", "mayor");
			letter.add("nature", "suggestion");
			letter.add("field", "environment");
			letter.add("region", "xishan");
			letter.add("title", "建议增设公交站");
			letter.add("body", "建议在西山区人民路增设一个公交站，方便居民出行。");
			letter.add("name", "赵六");
			letter.add("phone", "13700137000");
			letter.add("startedAt", String.valueOf(System.currentTimeMillis() - 60_000));
			String confirmation = postForm("/letters", visitor, letter).getResponseBody();
			Matcher code = ACCESS_CODE.matcher(confirmation);
			assertThat(code.find()).as("the confirmation page shows the access code").isTrue();
			secrets.add(code.group());
			MultiValueMap<String, String> track = new LinkedMultiValueMap<>();
			track.add("trackingNumber", api.trackingNumber());
			track.add("accessCode", api.accessCode());
			assertThat(postForm("/track", visitor, track).getStatus()).isEqualTo(HttpStatus.OK);
			signIn(username, password);
			assertThat(postForm("/login", loginPage(), credentials(username, password + "-wrong")).getStatus()
				.is3xxRedirection()).isTrue();
			secrets.add(password + "-wrong");
			this.http.get()
				.uri("/api/v1/staff/me")
				.headers((h) -> h.setBasicAuth(username, password))
				.exchange()
				.expectStatus()
				.isOk();
			this.http.get()
				.uri("/api/v1/staff/me")
				.headers((h) -> h.setBasicAuth(username, password + "-wrong"))
				.exchange()
				.expectStatus()
				.isUnauthorized();
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

	private static void assertCommonHeaders(String what, HttpHeaders headers) {
		assertThat(headers.getFirst("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
		assertThat(headers.getFirst("X-Frame-Options")).as(what).isEqualTo("DENY");
		assertThat(headers.getFirst("Referrer-Policy")).as(what)
			.isIn("same-origin", "no-referrer", "strict-origin", "strict-origin-when-cross-origin");
		assertThat(headers.getFirst("Content-Security-Policy")).as(what).isNotBlank();
	}

	private Submitted submitLetter() {
		Map<String, Object> letter = new LinkedHashMap<>();
		letter.put("mailbox", "mayor");
		letter.put("nature", "consultation");
		letter.put("field", "transport");
		letter.put("region", "nanhu");
		letter.put("title", "公交卡办理咨询");
		letter.put("body", "请问老年人公交卡在哪里办理，需要带什么材料？");
		letter.put("name", "钱七");
		letter.put("phone", "13600136000");
		letter.put("publicationConsent", false);
		Map<?, ?> answer = this.http.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(letter)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return new Submitted((String) answer.get("trackingNumber"), (String) answer.get("accessCode"));
	}

	private void createUser(String username, String password) {
		this.http.post()
			.uri("/api/v1/staff/users")
			.headers((h) -> h.setBasicAuth("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password, "roles", List.of("leader")))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private Session loginPage() {
		EntityExchangeResult<String> login = get("/login", null);
		return new Session(login.getResponseCookies().getFirst("SESSION").getValue(), csrf(login));
	}

	private Session signIn(String username, String password) {
		EntityExchangeResult<String> signedIn = postForm("/login", loginPage(), credentials(username, password));
		assertThat(signedIn.getResponseHeaders().getLocation()).hasPath("/console");
		return new Session(signedIn.getResponseCookies().getFirst("SESSION").getValue(), null);
	}

	private EntityExchangeResult<String> get(String path, Session session) {
		WebTestClient.RequestHeadersSpec<?> request = this.http.get().uri(path);
		if (session != null) {
			request = request.cookie("SESSION", session.id());
		}
		return request.exchange().expectBody(String.class).returnResult();
	}

	private EntityExchangeResult<String> postForm(String path, Session session, MultiValueMap<String, String> form) {
		MultiValueMap<String, String> body = new LinkedMultiValueMap<>(form);
		if (session.csrf() != null) {
			body.add("_csrf", session.csrf());
		}
		return this.http.post()
			.uri(path)
			.cookie("SESSION", session.id())
			.body(BodyInserters.fromFormData(body))
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

	private static String csrf(EntityExchangeResult<String> page) {
		Matcher matcher = CSRF.matcher(page.getResponseBody());
		assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
		return matcher.group(1);
	}

	private static MultiValueMap<String, String> credentials(String username, String password) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", username);
		form.add("password", password);
		return form;
	}

	record Session(String id, String csrf) {
	}

	record Submitted(String trackingNumber, String accessCode) {
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
