package cn.mailbox.portal.browser;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives test methods a {@link Browser} pointed at the running portal: one headless
 * Chromium per test class, started on first use and closed after the class. The port
 * comes from the Spring test context ({@code local.server.port}), so use it on a
 * {@code @PortalIntegrationTest} class:
 *
 * <pre>
 * &#64;PortalIntegrationTest
 * &#64;ExtendWith(BrowserExtension.class)
 * class ArchivePagesBrowserTests {
 *
 * 	&#64;Test
 * 	void searchPageHasNoSeriousViolations(Browser browser) {
 * 		browser.open("/archive");
 * 		assertThat(browser.seriousAccessibilityViolations()).isEmpty();
 * 	}
 *
 * }
 * </pre>
 *
 * Without Chromium the tests are skipped (JUnit assumption), not failed.
 */
public final class BrowserExtension implements ParameterResolver, AfterAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BrowserExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Browser.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ExtensionContext classContext = context.getRoot().equals(context.getParent().orElse(context)) ? context
				: classContext(context);
		Browser browser = classContext.getStore(NAMESPACE).get(Browser.class, Browser.class);
		if (browser == null) {
			String port = SpringExtension.getApplicationContext(context)
				.getEnvironment()
				.getRequiredProperty("local.server.port");
			browser = Browser.start("http://127.0.0.1:" + port);
			classContext.getStore(NAMESPACE).put(Browser.class, browser);
		}
		return browser;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		Browser browser = context.getStore(NAMESPACE).remove(Browser.class, Browser.class);
		if (browser != null) {
			browser.close();
		}
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

}
