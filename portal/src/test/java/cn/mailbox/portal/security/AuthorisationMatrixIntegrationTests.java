package cn.mailbox.portal.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PageSessions;
import cn.mailbox.portal.PageSessions.Session;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffActions;
import cn.mailbox.portal.StaffFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every staff endpoint, API and console, for every kind of staff member and for nobody,
 * on a letter of their own mailbox or unit and on someone else's. Expected answers follow
 * domain.md and the workflow's visibility rule: administrators and the mayor's-mailbox
 * moderators reach every letter; a unit mailbox's moderator only that mailbox's letters;
 * a unit officer only letters assigned to the unit; a leader only letters escalated to
 * them. A letter out of reach is absent (404), never forbidden (no oracle); a visible
 * letter a role may not act on is refused (403/409) and unchanged; administration is for
 * administrators; nobody signed in gets 401 (API) or the login page (console).
 */
@PortalIntegrationTest
class AuthorisationMatrixIntegrationTests {

	private static final String PASSWORD = "a-long-matrix-password";

	private static final Set<Integer> OK = Set.of(200);

	private static final Set<Integer> CREATED = Set.of(201);

	private static final Set<Integer> REFUSED = Set.of(403, 409);

	private static final Set<Integer> FORBIDDEN = Set.of(403);

	private static final Set<Integer> ABSENT = Set.of(404);

	private static final Set<Integer> UNAUTHORIZED = Set.of(401);

	private static final Set<Integer> TO_LOGIN = Set.of(302, 303);

	/** The roles of the matrix, in the order of domain.md's table. */
	enum Role {

		ADMIN, MAYORS_MODERATOR, UNIT_MODERATOR, UNIT_OFFICER, LEADER, ANONYMOUS;

		boolean reachesEveryLetter() {
			return this == ADMIN || this == MAYORS_MODERATOR;
		}

	}

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

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	private final String unitA = "mx-a-" + this.suffix;

	private final String unitB = "mx-b-" + this.suffix;

	/** Sets the matrix up; a cheap hash, since HTTP Basic checks it on every request. */
	private final String root = "mx-root-" + this.suffix;

	@Test
	void everyStaffEndpointAnswersEachRoleAsTheVisibilityRulesSay() {
		StaffFixtures.account(this.db, this.root, PASSWORD, List.of("admin"), null);
		admin("/api/v1/staff/units", Map.of("code", this.unitA, "name", "甲局", "kind", "department"));
		admin("/api/v1/staff/units", Map.of("code", this.unitB, "name", "乙局", "kind", "department"));
		Map<Role, String> users = new LinkedHashMap<>();
		users.put(Role.ADMIN, user("mx-admin", List.of("admin"), null));
		users.put(Role.MAYORS_MODERATOR, user("mx-mod", List.of("moderator"), null));
		users.put(Role.UNIT_MODERATOR, user("mx-unitmod", List.of("moderator"), this.unitA));
		users.put(Role.UNIT_OFFICER, user("mx-officer", List.of("unit_officer"), this.unitA));
		users.put(Role.LEADER, user("mx-leader", List.of("leader"), null));
		String otherLeader = user("mx-leader2", List.of("leader"), null);

		String inMailboxA = inMailbox(this.unitA);
		String inMailboxB = inMailbox(this.unitB);
		String assignedA = assignedTo(this.unitA);
		String assignedB = assignedTo(this.unitB);
		String escalatedMine = escalatedTo(users.get(Role.LEADER));
		String escalatedOther = escalatedTo(otherLeader);

		Map<String, String> before = new LinkedHashMap<>();
		for (String letter : List.of(inMailboxA, inMailboxB, assignedA, assignedB, escalatedMine, escalatedOther)) {
			before.put(letter, state(letter));
		}
		assertThat(before.get(assignedA)).isEqualTo("assigned");
		assertThat(before.get(escalatedMine)).isEqualTo("escalated");
		List<Cell> cells = new ArrayList<>();
		for (Role role : Role.values()) {
			String user = users.get(role);
			String own = switch (role) {
				case UNIT_MODERATOR -> inMailboxA;
				case LEADER -> escalatedMine;
				default -> assignedA;
			};
			String foreign = switch (role) {
				case UNIT_MODERATOR -> inMailboxB;
				case LEADER -> escalatedOther;
				default -> assignedB;
			};
			boolean anonymous = role == Role.ANONYMOUS;
			boolean isAdmin = role == Role.ADMIN;
			Set<Integer> seeForeign = anonymous ? UNAUTHORIZED : role.reachesEveryLetter() ? OK : ABSENT;
			Set<Integer> actForeign = anonymous ? UNAUTHORIZED : role.reachesEveryLetter() ? REFUSED : ABSENT;
			Set<Integer> staffOk = anonymous ? UNAUTHORIZED : OK;

			cells.add(api(role, "GET /api/v1/staff/me", HttpMethod.GET, "/api/v1/staff/me", null, user, staffOk));
			cells.add(api(role, "GET /api/v1/staff/letters", HttpMethod.GET, "/api/v1/staff/letters", null, user,
					staffOk));
			cells.add(api(role, "GET /api/v1/staff/letters/{own}", HttpMethod.GET, "/api/v1/staff/letters/" + own, null,
					user, staffOk));
			cells.add(api(role, "GET /api/v1/staff/letters/{foreign}", HttpMethod.GET,
					"/api/v1/staff/letters/" + foreign, null, user, seeForeign));
			cells.add(api(role, "POST /api/v1/staff/letters/{own}/actions", HttpMethod.POST,
					"/api/v1/staff/letters/" + own + "/actions", Map.of("action", "approve"), user,
					anonymous ? UNAUTHORIZED : REFUSED));
			cells.add(api(role, "POST /api/v1/staff/letters/{foreign}/actions", HttpMethod.POST,
					"/api/v1/staff/letters/" + foreign + "/actions", Map.of("action", "approve"), user, actForeign));
			cells.add(api(role, "POST /api/v1/staff/units", HttpMethod.POST, "/api/v1/staff/units",
					Map.of("code", "mx-new-" + this.suffix, "name", "新单位"), user,
					anonymous ? UNAUTHORIZED : isAdmin ? CREATED : FORBIDDEN));
			cells
				.add(api(role, "POST /api/v1/staff/users", HttpMethod.POST, "/api/v1/staff/users",
						Map.of("username", "mx-new-" + role.ordinal() + "-" + this.suffix, "password", PASSWORD,
								"roles", List.of("admin")),
						user, anonymous ? UNAUTHORIZED : isAdmin ? CREATED : FORBIDDEN));
			cells.add(importCell(role, user, anonymous ? UNAUTHORIZED : role.reachesEveryLetter() ? OK : FORBIDDEN));
			cells.add(listed(role, user, own, true));
			cells.add(listed(role, user, foreign, role.reachesEveryLetter()));

			Session console = anonymous ? PageSessions.visit(this.http, "/login")
					: PageSessions.signIn(this.http, user, PASSWORD);
			Set<Integer> pageOk = anonymous ? TO_LOGIN : OK;
			cells.add(page(role, "GET /console", "/console", console, pageOk));
			cells.add(page(role, "GET /console/leader", "/console/leader", console, pageOk));
			cells.add(page(role, "GET /console/letters/{own}", "/console/letters/" + own, console, pageOk));
			cells.add(page(role, "GET /console/letters/{foreign}", "/console/letters/" + foreign, console,
					anonymous ? TO_LOGIN : role.reachesEveryLetter() ? OK : ABSENT));
			cells.add(page(role, "GET /console/letters/{own}/slip/handling",
					"/console/letters/" + own + "/slip/handling", console, pageOk));
			cells.add(page(role, "GET /console/letters/{foreign}/slip/handling",
					"/console/letters/" + foreign + "/slip/handling", console,
					anonymous ? TO_LOGIN : role.reachesEveryLetter() ? OK : ABSENT));
			cells.add(consoleStep(role, "POST /console/letters/{own}/actions", own, console,
					anonymous ? TO_LOGIN : REFUSED));
			cells.add(consoleStep(role, "POST /console/letters/{foreign}/actions", foreign, console,
					anonymous ? TO_LOGIN : role.reachesEveryLetter() ? REFUSED : ABSENT));
		}

		StringBuilder table = new StringBuilder("Authorisation matrix (" + cells.size() + " cells):\n");
		cells.forEach((cell) -> table.append(cell).append('\n'));
		System.out.println(table);
		assertThat(cells.stream().filter((cell) -> !cell.passed()).map(Cell::toString).toList()).isEmpty();
		// A refused or hidden step changed nothing.
		before.forEach((letter, state) -> assertThat(state(letter)).as(letter).isEqualTo(state));
	}

	/** One cell: who, what, which answers are right, and what came. */
	record Cell(Role role, String endpoint, Set<Integer> expected, int actual) {

		boolean passed() {
			return this.expected.contains(this.actual);
		}

		@Override
		public String toString() {
			return String.format("%-4s %-17s %-48s expected %-10s got %d", passed() ? "ok" : "FAIL", this.role,
					this.endpoint, this.expected.stream().sorted().toList(), this.actual);
		}

	}

	private Cell api(Role role, String endpoint, HttpMethod method, String path, Map<String, Object> body, String user,
			Set<Integer> expected) {
		WebTestClient.RequestBodySpec request = this.http.method(method).uri(path);
		if (user != null) {
			request.headers((h) -> h.setBasicAuth(user, PASSWORD));
		}
		WebTestClient.RequestHeadersSpec<?> ready = (body != null)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : request;
		int status = ready.exchange().expectBody().returnResult().getStatus().value();
		return new Cell(role, endpoint, expected, status);
	}

	private Cell importCell(Role role, String user, Set<Integer> expected) {
		WebTestClient.RequestBodySpec request = this.http.post().uri("/api/v1/staff/archive/import");
		if (user != null) {
			request.headers((h) -> h.setBasicAuth(user, PASSWORD));
		}
		int status = request.contentType(MediaType.parseMediaType("application/x-ndjson"))
			.bodyValue("")
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value();
		return new Cell(role, "POST /api/v1/staff/archive/import (empty)", expected, status);
	}

	/**
	 * Whether a letter is in the role's work queue: 200 when it is, 404 when it is not.
	 */
	private Cell listed(Role role, String user, String letter, boolean expectedListed) {
		String endpoint = "GET /api/v1/staff/letters lists " + (expectedListed ? "own/reachable" : "foreign");
		if (user == null) {
			return new Cell(role, endpoint, UNAUTHORIZED,
					this.http.get()
						.uri("/api/v1/staff/letters")
						.exchange()
						.expectBody()
						.returnResult()
						.getStatus()
						.value());
		}
		String state = state(letter);
		boolean found = false;
		for (int page = 1; page <= 40 && !found; page++) {
			Map<?, ?> queue = this.http.get()
				.uri("/api/v1/staff/letters?state=" + state + "&page=" + page)
				.headers((h) -> h.setBasicAuth(user, PASSWORD))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Map.class)
				.returnResult()
				.getResponseBody();
			List<?> items = (List<?>) queue.get("items");
			found = items.stream().anyMatch((item) -> letter.equals(((Map<?, ?>) item).get("trackingNumber")));
			if (items.size() < 50) {
				break;
			}
		}
		return new Cell(role, endpoint, expectedListed ? OK : ABSENT, found ? 200 : 404);
	}

	private Cell page(Role role, String endpoint, String path, Session console, Set<Integer> expected) {
		int status = PageSessions.get(this.http, path, console).getStatus().value();
		return new Cell(role, endpoint, expected, status);
	}

	private Cell consoleStep(Role role, String endpoint, String letter, Session console, Set<Integer> expected) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("action", "approve");
		int status = PageSessions.postForm(this.http, "/console/letters/" + letter + "/actions", console, form)
			.getStatus()
			.value();
		return new Cell(role, endpoint, expected, status);
	}

	private String inMailbox(String unit) {
		String letter = submit();
		this.db.sql("update letters set mailbox = :unit where tracking_number = :n")
			.bind("unit", unit)
			.bind("n", letter)
			.then()
			.block();
		return letter;
	}

	private String assignedTo(String unit) {
		String letter = submit();
		step(letter, Map.of("action", "accept"));
		step(letter, Map.of("action", "assign", "unit", unit));
		return letter;
	}

	private String escalatedTo(String leader) {
		String letter = submit();
		step(letter, Map.of("action", "accept"));
		step(letter, Map.of("action", "escalate", "leader", leader));
		return letter;
	}

	private String state(String letter) {
		return this.db.sql("select state from letters where tracking_number = :n")
			.bind("n", letter)
			.map((row) -> row.get("state", String.class))
			.one()
			.block();
	}

	private void step(String letter, Map<String, Object> step) {
		StaffActions.act(this.http, this.root, PASSWORD, letter, step).expectStatus().isOk();
	}

	private void admin(String path, Map<String, Object> body) {
		this.http.post()
			.uri(path)
			.headers((h) -> h.setBasicAuth(this.root, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private String user(String name, List<String> roles, String unit) {
		String username = name + "-" + this.suffix;
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", username);
		body.put("password", PASSWORD);
		body.put("roles", roles);
		if (unit != null) {
			body.put("unit", unit);
		}
		admin("/api/v1/staff/users", body);
		// Created through the API as an administrator would; then a cheap hash of the
		// same
		// password, since every cell checks it.
		StaffFixtures.cheapen(this.db, username, PASSWORD);
		return username;
	}

	private String submit() {
		Map<String, Object> letter = Citizens.letter("complaint", "urban_construction", "beiyuan",
				"路灯不亮 " + UUID.randomUUID(), "北苑小区门口的路灯坏了两周，晚上很黑，请尽快修理。" + UUID.randomUUID());
		letter.put("name", "孙八");
		letter.put("phone", "13500135000");
		letter.put("publicationConsent", true);
		return Citizens.submit(this.http, letter).trackingNumber();
	}

}
