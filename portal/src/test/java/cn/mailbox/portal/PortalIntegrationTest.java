package cn.mailbox.portal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The whole portal on a random port against the embedded PostgreSQL under
 * {@code target/it-data}. Every integration test uses exactly these settings, so Spring
 * starts one context (and one database server) for all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portal.data-dir=target/it-data",
				"portal.admin-password=" + PortalIntegrationTest.ADMIN_PASSWORD,
				// The test client is a trusted proxy and never limited itself: tests that
				// exercise the rate limits speak for a client of their own through
				// X-Forwarded-For, and the others run unthrottled.
				"portal.web.trusted-proxies=127.0.0.1,::1", "portal.rate-limits.exempt=127.0.0.1,::1",
				// Mail is on, towards a port where nothing listens;
				// NotificationIntegrationTests
				// points the sender at its in-process SMTP server and runs the sending
				// rounds
				// itself (the scheduled ones never come during a test run).
				"spring.mail.host=127.0.0.1", "spring.mail.port=9", "portal.notifications.initial-delay=24h",
				// Tests that change the handling counts wait for the next reading, not
				// for the five minutes a deployment serves one for.
				"portal.statistics.refresh-interval=2s" })
@AutoConfigureWebTestClient
public @interface PortalIntegrationTest {

	String ADMIN_PASSWORD = "test-admin-password";

}
