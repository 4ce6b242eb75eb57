package cn.mailbox.portal.system;

import cn.mailbox.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@PortalIntegrationTest
class SystemIntegrationTests {

	@Autowired
	WebTestClient http;

	@Test
	void describesTheApiWithOpenApi() {
		this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.openapi")
			.exists()
			.jsonPath("$.paths['/api/v1/letters'].post")
			.exists()
			.jsonPath("$.paths['/api/v1/letters/{trackingNumber}'].get")
			.exists();
	}

	@Test
	void reportsHealthIncludingTheDatabase() {
		this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void keepsTheStaffApiForStaff() {
		this.http.get().uri("/api/v1/staff/me").exchange().expectStatus().isUnauthorized();
		this.http.get()
			.uri("/api/v1/staff/me")
			.headers((headers) -> headers.setBasicAuth("admin", "wrong"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.http.get()
			.uri("/api/v1/staff/me")
			.headers((headers) -> headers.setBasicAuth("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("admin")
			.jsonPath("$.roles[0]")
			.isEqualTo("admin");
	}

	@Test
	void answersUnknownAddressesWithAProblemNotATrace() {
		this.http.get()
			.uri("/api/v1/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType("application/problem+json");
		this.http.delete().uri("/api/v1/letters").exchange().expectStatus().isEqualTo(405);
	}

}
