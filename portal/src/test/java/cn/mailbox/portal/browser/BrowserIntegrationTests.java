package cn.mailbox.portal.browser;

import java.util.List;
import java.util.Map;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.Citizens.Receipt;
import cn.mailbox.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal in a real browser: hostile letter text shown to the citizen and to staff
 * runs no script and reads literally, and the public pages and the console login have no
 * serious or critical accessibility violations (axe-core, WCAG 2.1 A/AA).
 */
@PortalIntegrationTest
@ExtendWith(BrowserExtension.class)
class BrowserIntegrationTests {

	/** Payloads that assign window.__xss if they ever run. */
	private static final String TITLE = "<script>window.__xss=1</script><img src=x onerror=window.__xss=2>";

	private static final String NAME = "<svg onload=window.__xss=3>";

	private static final List<String> BODY_PAYLOADS = List.of("<a href=\"javascript:window.__xss=4\">点我</a>",
			"\"><iframe srcdoc=\"<script>parent.__xss=5</script>\"></iframe>", "javascript:window.__xss=6",
			"<details open ontoggle=window.__xss=7>", "<body onload=window.__xss=8>",
			"</textarea><script>window.__xss=9</script>",
			"<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=10>", "'-alert(11)-'",
			"<scr<script>ipt>alert(12)</scr</script>ipt>",
			"<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=13\">");

	private WebTestClient http;

	/**
	 * The shared 2-core machine can be slow: wait longer than the client's 5 s default.
	 */
	@Autowired
	void http(WebTestClient http) {
		this.http = http.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build();
	}

	@Test
	void hostileLetterTextRunsNoScriptAndReadsLiterallyForCitizenAndStaff(Browser browser) {
		browser.installXssTrap();
		String body = "市民来信：" + String.join(" ", BODY_PAYLOADS);
		Receipt letter = submit(TITLE, body, NAME);

		browser.open("/track")
			.type("#trackingNumber", letter.trackingNumber())
			.type("#accessCode", letter.accessCode());
		browser.submit("#trackingNumber");
		assertThat(browser.xssTriggered()).as("script ran on the letter status page").isFalse();
		assertThat(browser.injectedElements()).as("payload parsed as markup on the status page").isZero();
		String citizenView = browser.text();
		assertThat(citizenView).contains(TITLE);
		BODY_PAYLOADS.forEach((payload) -> assertThat(citizenView).contains(payload));

		browser.open("/login")
			.type("#username", "admin")
			.type("#password", PortalIntegrationTest.ADMIN_PASSWORD)
			.submit("#username");
		browser.open("/console/letters/" + letter.trackingNumber());
		assertThat(browser.xssTriggered()).as("script ran on the console letter page").isFalse();
		assertThat(browser.injectedElements()).as("payload parsed as markup on the console page").isZero();
		String staffView = browser.text();
		assertThat(staffView).contains(TITLE).contains(NAME);
		BODY_PAYLOADS.forEach((payload) -> assertThat(staffView).contains(payload));

		browser.open("/console?queue=received");
		assertThat(browser.xssTriggered()).as("script ran in the console queue").isFalse();
		browser.open("/console/letters/" + letter.trackingNumber() + "/slip/handling");
		assertThat(browser.xssTriggered()).as("script ran on the printable slip").isFalse();
		assertThat(browser.text()).contains(TITLE);
		browser.driver().manage().deleteAllCookies();
	}

	@Test
	void publicPagesAndTheConsoleLoginHaveNoSeriousAccessibilityViolations(Browser browser) {
		browser.driver().manage().deleteAllCookies();
		for (String path : List.of("/", "/?lang=en", "/track", "/login")) {
			browser.open(path);
			assertThat(browser.seriousAccessibilityViolations())
				.as("axe-core on %s:%n%s", path, Browser.describe(browser.seriousAccessibilityViolations()))
				.isEmpty();
		}
		Receipt letter = submit("小区路面积水", "每逢下雨小区门口路面积水严重，请有关部门处理。", "周十");
		browser.open("/track")
			.type("#trackingNumber", letter.trackingNumber())
			.type("#accessCode", letter.accessCode());
		browser.submit("#trackingNumber");
		assertThat(browser.text()).contains("小区路面积水");
		assertThat(browser.seriousAccessibilityViolations())
			.as("axe-core on the letter status page:%n%s", Browser.describe(browser.seriousAccessibilityViolations()))
			.isEmpty();
		browser.open("/track").type("#trackingNumber", "SZ20000101-00001").type("#accessCode", "AAAA-AAAA-AAAA");
		browser.submit("#trackingNumber");
		assertThat(browser.seriousAccessibilityViolations())
			.as("axe-core on the not-found tracking page:%n%s",
					Browser.describe(browser.seriousAccessibilityViolations()))
			.isEmpty();
	}

	private Receipt submit(String title, String body, String name) {
		Map<String, Object> letter = Citizens.letter("complaint", "urban_construction", "dongcheng", title, body);
		letter.put("name", name);
		letter.put("phone", "13300133000");
		letter.put("publicationConsent", true);
		return Citizens.submit(this.http, letter);
	}

}
