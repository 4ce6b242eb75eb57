package cn.mailbox.portal.publicsite;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffActions;
import cn.mailbox.portal.browser.Browser;
import cn.mailbox.portal.browser.BrowserExtension;
import cn.mailbox.site.generator.SiteGenerator;
import cn.mailbox.site.generator.SiteUpdater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated transparency site in headless Chromium, as a reader meets it: the home,
 * list, letter, statistics and board pages have no serious or critical accessibility
 * violations (axe-core), a link followed from the list opens a letter with its timeline,
 * and the board's timers tick from the timestamps embedded in the page.
 */
@PortalIntegrationTest
@ExtendWith(BrowserExtension.class)
class StaticSiteBrowserIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	SiteUpdater updater;

	@Autowired
	SiteGenerator generator;

	@Test
	void theSiteReadsWellInABrowserAndItsBoardTicks(Browser browser) throws InterruptedException {
		SiteFixtures.importLines(this.http, SiteFixtures.ndjson("SB2024", 1, 12));
		accept(submit());
		SiteFixtures.awaitSite(this.db, this.updater);
		this.generator.refresh().block(Duration.ofMinutes(1));

		for (String page : List.of("/site/index.html", "/site/archive/index.html", "/site/letters/SB2024-000001.html",
				"/site/stats/index.html", "/site/board/index.html")) {
			browser.open(page);
			assertThat(browser.seriousAccessibilityViolations())
				.as(page + ": " + Browser.describe(browser.seriousAccessibilityViolations()))
				.isEmpty();
		}

		browser.open("/site/archive/index.html");
		WebElement letterLink = browser.driver().findElement(By.cssSelector("a[href*='letters/SB2024-']"));
		letterLink.click();
		assertThat(browser.driver().getCurrentUrl()).contains("/site/letters/SB2024-");
		assertThat(browser.driver().findElements(By.cssSelector(".timeline"))).isNotEmpty();

		browser.open("/site/board/index.html");
		List<WebElement> tickers = browser.driver().findElements(By.cssSelector(".ticker[data-since]"));
		assertThat(tickers).as("the board lists the open letter").isNotEmpty();
		String before = tickers.get(0).getText();
		Thread.sleep(2_100);
		String after = browser.driver().findElements(By.cssSelector(".ticker[data-since]")).get(0).getText();
		assertThat(before).isNotBlank();
		assertThat(after).as("the timer ticks").isNotEqualTo(before);
	}

	private String submit() {
		Map<String, Object> letter = new HashMap<>(StaticSiteIntegrationTests.CITIZEN);
		letter.put("title", "路灯不亮请尽快维修");
		letter.put("body", "东区某路段路灯连续一周不亮，晚上行人很不安全，请有关部门尽快维修。");
		letter.put("publicationConsent", true);
		// A phone of its own: the per-contact limit must not refuse this letter.
		letter.put("phone", "1390" + String.format("%07d", (System.nanoTime() / 1000) % 10_000_000));
		letter.remove("email");
		return Citizens.submit(this.http, letter).trackingNumber();
	}

	private void accept(String letter) {
		StaffActions.actAsAdministrator(this.http, letter, Map.of("action", "accept")).expectStatus().isOk();
	}

}
