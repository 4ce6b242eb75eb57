package cn.mailbox.portal.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven by Selenium, for tests that need a real browser: script
 * execution, the Content-Security-Policy, accessibility (axe-core). Uses the system's
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (or the paths in the system
 * properties {@code mailbox.chromium} and {@code mailbox.chromedriver}); when they are
 * missing, {@link #start(String)} skips the test with a clear message instead of failing.
 * Nothing is downloaded: Selenium Manager is never asked.
 *
 * <p>
 * Use it through {@link BrowserExtension}, which starts one browser per test class
 * against the portal's random port and closes it afterwards.
 */
public final class Browser implements AutoCloseable {

	/**
	 * Set by {@link #installXssTrap()}: script in a page would have to run to change it.
	 */
	public static final String XSS_TRAP = "__xss";

	/** The axe-core rule sets checked: WCAG 2.0/2.1 A and AA. */
	public static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private static final String TRAP = String.join("\n", "window.__xssHits = [];",
			"Object.defineProperty(window, '__xss', { configurable: false,",
			"  get() { return window.__xssHits.length ? window.__xssHits[0] : undefined; },",
			"  set(value) { window.__xssHits.push(value); } });",
			"for (const name of ['alert', 'confirm', 'prompt']) {",
			"  window[name] = function () { window.__xssHits.push(name); };", "}");

	private static final String INJECTED = String.join("\n",
			"let n = document.querySelectorAll('iframe, object, embed, img[src=\"x\"], a[href^=\"javascript:\" i], '",
			"    + 'form[action^=\"javascript:\" i], meta[http-equiv=\"refresh\"], base').length;",
			"for (const element of document.querySelectorAll('*')) {",
			"  for (const attribute of element.attributes) { if (attribute.name.startsWith('on')) n++; }", "}",
			"return n;");

	private final ChromeDriver driver;

	private final String baseUrl;

	private Browser(ChromeDriver driver, String baseUrl) {
		this.driver = driver;
		this.baseUrl = baseUrl;
	}

	/**
	 * Starts headless Chromium, or skips the calling test when it is not installed.
	 * @param baseUrl where relative paths point, e.g. {@code http://127.0.0.1:PORT}
	 * @return the browser; close it
	 */
	public static Browser start(String baseUrl) {
		Path chromium = Path.of(System.getProperty("mailbox.chromium", "/usr/bin/chromium"));
		Path chromedriver = Path.of(System.getProperty("mailbox.chromedriver", "/usr/bin/chromedriver"));
		Assumptions.assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
				() -> "Browser tests skipped: no Chromium at " + chromium + " or no chromedriver at " + chromedriver
						+ " (apt-get install chromium chromium-driver, or set -Dmailbox.chromium/-Dmailbox.chromedriver)");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		// --no-sandbox: tests may run as root (CI), where Chromium's sandbox refuses to
		// start.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--disable-extensions", "--no-first-run", "--window-size=1280,1024", "--lang=zh-CN");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		return new Browser(driver, baseUrl);
	}

	public WebDriver driver() {
		return this.driver;
	}

	/** Opens a path of the portal (or an absolute URL). */
	public Browser open(String path) {
		this.driver.get(path.startsWith("http") ? path : this.baseUrl + path);
		return this;
	}

	public WebElement find(String cssSelector) {
		return this.driver.findElement(By.cssSelector(cssSelector));
	}

	/** Types into a field found by CSS selector, replacing what was there. */
	public Browser type(String cssSelector, String text) {
		WebElement field = find(cssSelector);
		field.clear();
		if (!text.isEmpty()) {
			// Typing character by character is slow; setting the value is what a paste
			// does.
			script("arguments[0].value = arguments[1];", field, text);
		}
		return this;
	}

	/**
	 * Submits the form holding the element found by CSS selector and waits for the page.
	 */
	public Browser submit(String cssSelector) {
		find(cssSelector).submit();
		return this;
	}

	public String title() {
		return this.driver.getTitle();
	}

	/** The visible text of the page, as a reader sees it. */
	public String text() {
		return find("body").getText();
	}

	public String source() {
		return this.driver.getPageSource();
	}

	public Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/**
	 * From now on, every page this browser loads starts with a trap, installed before any
	 * of the page's own script: assigning {@code window.__xss} (what the test payloads
	 * do) or calling {@code alert}, {@code confirm} or {@code prompt} is recorded. Read
	 * it with {@link #xssTriggered()} after the page has loaded. The trap is injected
	 * through the DevTools protocol, so the page's Content-Security-Policy does not stop
	 * it.
	 */
	public void installXssTrap() {
		this.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", TRAP));
	}

	/**
	 * Whether any script of a payload ran on the current page: {@code window.__xss}
	 * assigned, a dialog called, or one still open (dismissed here).
	 */
	public boolean xssTriggered() {
		try {
			Alert alert = this.driver.switchTo().alert();
			alert.dismiss();
			return true;
		}
		catch (NoAlertPresentException ex) {
			Object hits = script("return (window.__xssHits && window.__xssHits.length > 0) || typeof window." + XSS_TRAP
					+ " !== 'undefined';");
			return Boolean.TRUE.equals(hits);
		}
	}

	/**
	 * Elements a payload would have created had it been parsed as markup: event-handler
	 * attributes, {@code javascript:} links and forms, frames, {@code <img src=x>}.
	 */
	public long injectedElements() {
		Object count = script(INJECTED);
		return ((Number) count).longValue();
	}

	/** Runs axe-core (WCAG 2.x A and AA) on the current page. */
	public Results axe() {
		return new AxeBuilder().withTags(WCAG_TAGS).analyze(this.driver);
	}

	/** The serious and critical axe-core violations on the current page. */
	public List<Rule> seriousAccessibilityViolations() {
		return axe().getViolations()
			.stream()
			.filter((rule) -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.toList();
	}

	/** A readable line per violation: rule, impact, help and the offending elements. */
	public static String describe(List<Rule> violations) {
		StringBuilder text = new StringBuilder();
		for (Rule rule : violations) {
			text.append(rule.getId())
				.append(" (")
				.append(rule.getImpact())
				.append("): ")
				.append(rule.getHelp())
				.append('\n');
			rule.getNodes().forEach((node) -> text.append("    ").append(node.getHtml()).append('\n'));
		}
		return text.toString();
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
