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
				"portal.admin-password=" + PortalIntegrationTest.ADMIN_PASSWORD })
@AutoConfigureWebTestClient
public @interface PortalIntegrationTest {

	String ADMIN_PASSWORD = "test-admin-password";

}
