package cn.mailbox.portal.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PageSessions;
import cn.mailbox.portal.PageSessions.Session;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffAccounts;
import cn.mailbox.portal.StaffActions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static cn.mailbox.portal.PageSessions.credentials;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff console through a browser's eyes: form sign-in with CSRF and a fresh session
 * id, queues, the letter page offering only the steps allowed now, steps through plain
 * forms, unit isolation, slips, and pages free of inline script and style.
 */
@PortalIntegrationTest
class ConsoleIntegrationTests {

	private static final Pattern ACTION_FORM = Pattern.compile("data-action=\"([a-z_]+)\"");

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>",
			Pattern.CASE_INSENSITIVE);

	/**
	 * A style or event-handler attribute inside a tag (escaped letter text is not a tag).
	 */
	private static final Pattern INLINE_STYLE_OR_HANDLER = Pattern.compile("<[a-z][^>]*\\s(?:style|on[a-z]+)\\s*=",
			Pattern.CASE_INSENSITIVE);

	private static final String PASSWORD = "a-long-console-password";

	@Autowired
	WebTestClient http;

	private String suffix;

	private String water;

	private String roads;

	@BeforeEach
	void staff() {
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
		this.water = "water-" + this.suffix;
		this.roads = "roads-" + this.suffix;
		admin("/api/v1/staff/units", Map.of("code", this.water, "name", "市水务局", "kind", "department"));
		admin("/api/v1/staff/units", Map.of("code", this.roads, "name", "市交通局", "kind", "department"));
		user("water-" + this.suffix, List.of("unit_officer"), this.water);
		user("roads-" + this.suffix, List.of("unit_officer"), this.roads);
		user("leader-" + this.suffix, List.of("leader"), null);
	}

	@Test
	void rendersTheLoginPageWithLabelsAndTheStrictPolicy() {
		EntityExchangeResult<String> page = get("/login", null);
		assertThat(page.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(page.getResponseBody()).contains("<html lang=\"zh-CN\">")
			.contains("工作人员登录")
			.contains("for=\"username\"")
			.contains("for=\"password\"")
			.contains("name=\"_csrf\"");
		assertThat(page.getResponseHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'")
			.doesNotContain("unsafe-inline");
		assertThat(page.getResponseHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(get("/login?lang=en", null).getResponseBody()).contains("<html lang=\"en\">")
			.contains("Staff sign-in");
	}

	@Test
	void sendsAnonymousVisitorsToTheLoginPage() {
		EntityExchangeResult<String> page = get("/console", null);
		assertThat(page.getStatus().is3xxRedirection()).isTrue();
		assertThat(page.getResponseHeaders().getLocation()).hasPath("/login");
	}

	@Test
	void signingInLandsOnTheConsoleWithANewSessionId() {
		EntityExchangeResult<String> login = get("/login", null);
		String before = login.getResponseCookies().getFirst("SESSION").getValue();
		EntityExchangeResult<String> signedIn = postForm("/login", new Session(before, csrf(login)),
				credentials("admin", PortalIntegrationTest.ADMIN_PASSWORD));
		assertThat(signedIn.getStatus().is3xxRedirection()).isTrue();
		assertThat(signedIn.getResponseHeaders().getLocation()).hasPath("/console");
		ResponseCookie after = signedIn.getResponseCookies().getFirst("SESSION");
		assertThat(after).isNotNull();
		assertThat(after.getValue()).isNotEqualTo(before);
		assertThat(get("/console", new Session(before, null)).getStatus().is3xxRedirection())
			.as("the old session id no longer signs in")
			.isTrue();
		assertThat(get("/console", new Session(after.getValue(), null)).getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void signingOutNeedsTheTokenAndEndsTheSession() {
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		this.http.post().uri("/logout").cookie("SESSION", admin.id()).exchange().expectStatus().isForbidden();
		EntityExchangeResult<String> out = postForm("/logout", admin, new LinkedMultiValueMap<>());
		assertThat(out.getResponseHeaders().getLocation()).hasPath("/login").hasQuery("logout");
		assertThat(get("/console", admin).getStatus().is3xxRedirection()).isTrue();
	}

	@Test
	void sendsAWrongPasswordBackToTheLoginPage() {
		EntityExchangeResult<String> login = get("/login", null);
		EntityExchangeResult<String> failed = postForm("/login",
				new Session(login.getResponseCookies().getFirst("SESSION").getValue(), csrf(login)),
				credentials("admin", "not-the-password"));
		assertThat(failed.getStatus().is3xxRedirection()).isTrue();
		assertThat(failed.getResponseHeaders().getLocation()).hasPath("/login").hasQuery("error");
	}

	@Test
	void listsASubmittedLetterInTheQueueWithCounts() {
		String letter = submit();
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		String first = get("/console", admin).getResponseBody();
		assertThat(first).contains("待受理").contains("待甄别").contains("疑似重复").contains("待审核答复").contains("已超期");
		boolean found = false;
		// Oldest first, so the new letter is on the last page: as many pages as the test
		// database (target/it-data, kept between runs) has gathered.
		for (int page = 1; page <= 1_000 && !found; page++) {
			String html = get("/console?queue=received&page=" + page, admin).getResponseBody();
			found = html.contains(letter);
			if (!html.contains("下一页")) {
				break;
			}
		}
		assertThat(found).as("letter %s in the received queue", letter).isTrue();
	}

	@Test
	void offersExactlyTheStepsAllowedNow() {
		String letter = submit();
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		String html = get("/console/letters/" + letter, admin).getResponseBody();
		Set<String> offered = new TreeSet<>();
		Matcher matcher = ACTION_FORM.matcher(html);
		while (matcher.find()) {
			offered.add(matcher.group(1));
		}
		Map<?, ?> view = apiView("admin", PortalIntegrationTest.ADMIN_PASSWORD, letter);
		assertThat(offered).isEqualTo(new TreeSet<>((List<?>) view.get("allowedActions")))
			.contains("accept", "reject")
			.doesNotContain("approve", "sign", "disclose");
		assertThat(html).contains("周九").contains("13900139000").contains("办理记录").contains("甄别结果");
		assertThat(html).contains("value=\"court\"").contains("属法院职权范围");
	}

	@Test
	void acceptsALetterThroughTheFormAndRecordsItInTheTrail() {
		String letter = submit();
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("action", "accept");
		form.add("comment", "属实，受理");
		EntityExchangeResult<String> done = postForm("/console/letters/" + letter + "/actions", admin, form);
		assertThat(done.getStatus().is3xxRedirection()).isTrue();
		assertThat(done.getResponseHeaders().getLocation()).hasPath("/console/letters/" + letter)
			.hasQuery("done=accept");
		Map<?, ?> view = apiView("admin", PortalIntegrationTest.ADMIN_PASSWORD, letter);
		assertThat(view.get("state")).isEqualTo("accepted");
		List<?> events = (List<?>) view.get("events");
		assertThat(((Map<?, ?>) events.get(events.size() - 1)).get("action")).isEqualTo("accept");
		String page = get("/console/letters/" + letter + "?done=accept", admin).getResponseBody();
		assertThat(page).contains("已完成：受理").contains("属实，受理").contains("data-action=\"assign\"");
	}

	@Test
	void showsWhyAStepWasRefusedAndChangesNothing() {
		String letter = submit();
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		MultiValueMap<String, String> approve = new LinkedMultiValueMap<>();
		approve.add("action", "approve");
		EntityExchangeResult<String> refused = postForm("/console/letters/" + letter + "/actions", admin, approve);
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getResponseBody()).contains("role=\"alert\"").contains("未能执行：审核通过");
		MultiValueMap<String, String> reject = new LinkedMultiValueMap<>();
		reject.add("action", "reject");
		assertThat(postForm("/console/letters/" + letter + "/actions", admin, reject).getStatus())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(apiView("admin", PortalIntegrationTest.ADMIN_PASSWORD, letter).get("state")).isEqualTo("received");
	}

	@Test
	void refusesAStepPostedWithoutTheCsrfToken() {
		String letter = submit();
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("action", "accept");
		this.http.post()
			.uri("/console/letters/" + letter + "/actions")
			.cookie("SESSION", admin.id())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(apiView("admin", PortalIntegrationTest.ADMIN_PASSWORD, letter).get("state")).isEqualTo("received");
	}

	@Test
	void administratorSetsUpUnitsAndAccountsInTheConsoleAndOthersAreRefused() {
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		assertThat(get("/console", admin).getResponseBody()).contains("href=\"/console/admin\"");
		String unit = "parks-" + this.suffix;
		MultiValueMap<String, String> unitForm = new LinkedMultiValueMap<>();
		unitForm.add("code", unit);
		unitForm.add("name", "市园林局");
		assertThat(postForm("/console/admin/units", admin, unitForm).getResponseHeaders().getLocation())
			.hasPath("/console/admin");
		MultiValueMap<String, String> userForm = new LinkedMultiValueMap<>();
		userForm.add("username", "gardener-" + this.suffix);
		userForm.add("password", PASSWORD);
		userForm.add("roles", "unit_officer");
		userForm.add("unit", unit);
		assertThat(postForm("/console/admin/users", admin, userForm).getResponseHeaders().getLocation())
			.hasPath("/console/admin");
		String page = get("/console/admin", admin).getResponseBody();
		assertThat(page).contains(unit, "市园林局", "gardener-" + this.suffix).doesNotContain("$2a$");

		MultiValueMap<String, String> weak = new LinkedMultiValueMap<>();
		weak.add("username", "weak-" + this.suffix);
		weak.add("password", "short");
		weak.add("roles", "moderator");
		EntityExchangeResult<String> refused = postForm("/console/admin/users", admin, weak);
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getResponseBody()).contains("password: 12-128 characters");

		Session gardener = signIn("gardener-" + this.suffix, PASSWORD);
		assertThat(get("/console/admin", gardener).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(postForm("/console/admin/units", gardener, unitForm).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get("/console", gardener).getResponseBody()).doesNotContain("href=\"/console/admin\"");
	}

	@Test
	void keepsUnitOfficersToTheirOwnUnitsLetters() {
		String letter = assignedToWater();
		Session roads = signIn("roads-" + this.suffix, PASSWORD);
		EntityExchangeResult<String> other = get("/console/letters/" + letter, roads);
		assertThat(other.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(other.getResponseBody()).contains("没有这封来信").doesNotContain("周九");
		assertThat(get("/console?queue=assigned", roads).getResponseBody()).doesNotContain(letter);
		Session water = signIn("water-" + this.suffix, PASSWORD);
		assertThat(get("/console", water).getResponseBody()).contains(letter).contains("市水务局");
		String page = get("/console/letters/" + letter, water).getResponseBody();
		assertThat(page).contains("data-action=\"sign\"").doesNotContain("data-action=\"accept\"");
	}

	@Test
	void printsSlipsWithTheTrackingNumber() {
		String letter = assignedToWater();
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		for (String kind : List.of("handling", "assignment", "reminder")) {
			EntityExchangeResult<String> slip = get("/console/letters/" + letter + "/slip/" + kind, admin);
			assertThat(slip.getStatus()).as(kind).isEqualTo(HttpStatus.OK);
			assertThat(slip.getResponseBody()).as(kind)
				.contains("class=\"tracking-number\">" + letter + "<")
				.contains("/css/console.css");
		}
		assertThat(get("/console/letters/" + letter + "/slip/assignment", admin).getResponseBody()).contains("交办单")
			.contains("市水务局")
			.contains("请核实处理");
		assertThat(get("/console/letters/" + submit() + "/slip/assignment", admin).getStatus())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/console/letters/" + letter + "/slip/poster", admin).getStatus())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void letsALeaderInstructFromTheLeaderPage() {
		String letter = submit();
		act(letter, Map.of("action", "accept"));
		act(letter, Map.of("action", "escalate", "leader", "leader-" + this.suffix, "note", "涉及多个部门"));
		Session leader = signIn("leader-" + this.suffix, PASSWORD);
		String page = get("/console/leader", leader).getResponseBody();
		assertThat(page).contains(letter).contains("涉及多个部门").contains("name=\"instructions\"");
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("action", "instruct");
		form.add("from", "leader");
		form.add("instructions", "请水务局牵头办理");
		EntityExchangeResult<String> done = postForm("/console/letters/" + letter + "/actions", leader, form);
		assertThat(done.getResponseHeaders().getLocation()).hasPath("/console/leader").hasQuery("done=instruct");
		assertThat(apiView("admin", PortalIntegrationTest.ADMIN_PASSWORD, letter).get("state")).isEqualTo("accepted");
	}

	@Test
	void pagesCarryNoInlineScriptOrStyle() {
		String letter = assignedToWater();
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		Session leader = signIn("leader-" + this.suffix, PASSWORD);
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("/login", get("/login", null).getResponseBody());
		pages.put("/console", get("/console", admin).getResponseBody());
		pages.put("/console?queue=duplicates", get("/console?queue=duplicates", admin).getResponseBody());
		pages.put("letter", get("/console/letters/" + letter, admin).getResponseBody());
		pages.put("slip", get("/console/letters/" + letter + "/slip/handling", admin).getResponseBody());
		pages.put("leader", get("/console/leader", leader).getResponseBody());
		pages.put("/console?lang=en", get("/console?lang=en", admin).getResponseBody());
		String hostile = submit("<img src=x onerror=alert(1) style=x>", "<script>alert('pwned')</script>");
		pages.put("hostile letter", get("/console/letters/" + hostile, admin).getResponseBody());
		assertThat(pages.get("hostile letter")).contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;");
		pages.forEach((name, html) -> {
			assertThat(html).as(name).isNotBlank();
			assertThat(INLINE_SCRIPT.matcher(html).find()).as(name + " has inline script").isFalse();
			assertThat(INLINE_STYLE_OR_HANDLER.matcher(html).find()).as(name + " has inline style or handler")
				.isFalse();
			assertThat(html).as(name).doesNotContainIgnoringCase("<style");
		});
		assertThat(pages.get("/console?lang=en")).contains("Work queues").contains("To accept");
	}

	@Test
	void reviewsRedactionsWithMarkedProposalsAndPublishesWhatThePreviewShowed() {
		String letter = submit("紫薇小区停水", "我叫周九，电话13900139000。紫薇小区停水三天，请联系物业李建国经理。");
		if ("quarantined".equals(apiView("admin", PortalIntegrationTest.ADMIN_PASSWORD, letter).get("state"))) {
			act(letter, Map.of("action", "release"));
		}
		act(letter, Map.of("action", "accept"));
		act(letter, Map.of("action", "direct_reply", "text", "已责成物业李建国经理恢复供水。"));
		act(letter, Map.of("action", "approve"));
		Session admin = signIn("admin", PortalIntegrationTest.ADMIN_PASSWORD);
		assertThat(get("/console/letters/" + letter, admin).getResponseBody())
			.contains("/console/letters/" + letter + "/redactions");

		EntityExchangeResult<String> page = get("/console/letters/" + letter + "/redactions", admin);
		assertThat(page.getStatus()).isEqualTo(HttpStatus.OK);
		String html = page.getResponseBody();
		assertThat(html).contains("<mark>", "[姓名：", "[电话：", "来信人本人信息，始终脱敏", "name=\"_csrf\"");
		assertThat(INLINE_SCRIPT.matcher(html).find()).isFalse();
		assertThat(INLINE_STYLE_OR_HANDLER.matcher(html).find()).isFalse();

		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		Matcher keep = Pattern.compile("name=\"keep\"[^>]*value=\"([^\"]+)\"").matcher(html);
		while (keep.find()) {
			// Everything proposed stays, except the property manager's name.
			if (!keep.group(1).contains(":NAME") || keep.group(1).startsWith("letter:2:")) {
				form.add("keep", keep.group(1));
			}
		}
		form.add("addText", "紫薇小区");
		form.add("addKind", "ADDRESS");
		form.add("addTarget", "all");
		form.add("publish", "both");
		form.add("intent", "preview");
		EntityExchangeResult<String> saved = postForm("/console/letters/" + letter + "/redactions",
				new Session(admin.id(), csrf(page)), form);
		assertThat(saved.getResponseHeaders().getLocation()).hasPath("/console/letters/" + letter + "/redactions");
		String preview = get(saved.getResponseHeaders().getLocation().toString(), admin).getResponseBody();
		assertThat(preview.substring(preview.indexOf("preview-heading"))).contains("[地址]", "李建国")
			.doesNotContain("紫薇小区", "周九", "13900139000");

		MultiValueMap<String, String> unknown = new LinkedMultiValueMap<>();
		unknown.add("addText", "不存在的文字");
		unknown.add("addKind", "NAME");
		unknown.add("intent", "preview");
		EntityExchangeResult<String> refused = postForm("/console/letters/" + letter + "/redactions",
				new Session(admin.id(), csrf(page)), unknown);
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getResponseBody()).contains("没有找到");

		form.set("intent", "disclose");
		form.set("publish", "reply");
		EntityExchangeResult<String> disclosed = postForm("/console/letters/" + letter + "/redactions",
				new Session(admin.id(), csrf(page)), form);
		assertThat(disclosed.getResponseHeaders().getLocation().toString()).endsWith("?done=disclose");
		String record = this.http.get()
			.uri("/api/v1/archive/{n}", letter)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(record).contains("李建国").doesNotContain("周九", "13900139000", "\"letter\":\"");
	}

	private String assignedToWater() {
		String letter = submit();
		act(letter, Map.of("action", "accept"));
		act(letter, Map.of("action", "assign", "unit", this.water, "instructions", "请核实处理"));
		return letter;
	}

	private Session signIn(String username, String password) {
		return PageSessions.signIn(this.http, username, password);
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

	private Map<?, ?> apiView(String username, String password, String letter) {
		return StaffActions.view(this.http, username, password, letter)
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private void act(String letter, Map<String, Object> step) {
		StaffActions.actAsAdministrator(this.http, letter, step).expectStatus().isOk();
	}

	private void admin(String path, Map<String, Object> body) {
		StaffAccounts.create(this.http, path, body);
	}

	private void user(String username, List<String> roles, String unit) {
		StaffAccounts.user(this.http, username, PASSWORD, roles, unit);
	}

	private String submit() {
		return submit("小区停水三天", "西山区某小区停水三天，无人通知，老人上下楼取水很困难。");
	}

	private String submit(String title, String body) {
		Map<String, Object> letter = Citizens.letter("complaint", "water_power_gas", "xishan", title, body);
		letter.put("name", "周九");
		letter.put("phone", "13900139000");
		letter.put("publicationConsent", true);
		return Citizens.submit(this.http, letter).trackingNumber();
	}

}
