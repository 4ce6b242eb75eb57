package cn.mailbox.portal.tracking;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.mailbox.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalIntegrationTest
class TrackingIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Test
	void showsTheWriterTheirLetterWithStatusAndTimeline() {
		Map<?, ?> receipt = submit();
		this.http.get()
			.uri("/api/v1/letters/{n}", receipt.get("trackingNumber"))
			.header("X-Access-Code", (String) receipt.get("accessCode"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("received")
			.jsonPath("$.statusLabel")
			.isEqualTo("待受理")
			.jsonPath("$.title")
			.isEqualTo("路灯不亮")
			.jsonPath("$.timeline[0].event")
			.isEqualTo("received")
			.jsonPath("$.reply")
			.doesNotExist()
			.jsonPath("$.overdue")
			.isEqualTo(false);
	}

	@Test
	void acceptsTheCodeTypedLooselyByAPerson() {
		Map<?, ?> receipt = submit();
		String typed = ((String) receipt.get("accessCode")).toLowerCase().replace("-", " ");
		this.http.get()
			.uri("/api/v1/letters/{n}", receipt.get("trackingNumber"))
			.header("X-Access-Code", typed)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void answersWrongNumberAndWrongCodeAlike() {
		Map<?, ?> receipt = submit();
		String wrongCode = this.http.get()
			.uri("/api/v1/letters/{n}", receipt.get("trackingNumber"))
			.header("X-Access-Code", "AAAA-BBBB-CCCC")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String wrongNumber = this.http.get()
			.uri("/api/v1/letters/{n}", "SZ19990101-99999")
			.header("X-Access-Code", (String) receipt.get("accessCode"))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(wrongCode.replace(receipt.get("trackingNumber").toString(), "N"))
			.isEqualTo(wrongNumber.replace("SZ19990101-99999", "N"));
		this.http.get()
			.uri("/api/v1/letters/{n}", receipt.get("trackingNumber"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void refusesFeedbackBeforeThereIsAReply() {
		Map<?, ?> receipt = submit();
		feedback(receipt, "{\"satisfaction\":\"satisfied\"}").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("这封来信还没有答复，答复后才能评价。");
	}

	@Test
	void recordsFeedbackOnceTheLetterIsAnswered() {
		Map<?, ?> receipt = submit();
		reply(receipt, "已安排维修。");
		feedback(receipt, "{\"satisfaction\":\"gold-star\"}").expectStatus().isBadRequest();
		feedback(receipt, "{\"satisfaction\":\"basically_satisfied\",\"comment\":\"修得有点慢\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.satisfaction")
			.isEqualTo("basically_satisfied");
		feedback(receipt, "{\"satisfaction\":\"satisfied\"}").expectStatus().isEqualTo(409);
		this.http.get()
			.uri("/api/v1/letters/{n}", receipt.get("trackingNumber"))
			.header("X-Access-Code", (String) receipt.get("accessCode"))
			.exchange()
			.expectBody()
			.jsonPath("$.reply.text")
			.isEqualTo("已安排维修。")
			.jsonPath("$.feedback.comment")
			.isEqualTo("修得有点慢")
			.jsonPath("$.timeline[-1].event")
			.isEqualTo("feedback_given");
	}

	private WebTestClient.ResponseSpec feedback(Map<?, ?> receipt, String body) {
		return this.http.post()
			.uri("/api/v1/letters/{n}/feedback", receipt.get("trackingNumber"))
			.header("X-Access-Code", (String) receipt.get("accessCode"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/**
	 * Until the workflow exists, a reply is written the way the workflow will store it.
	 */
	private void reply(Map<?, ?> receipt, String text) {
		this.db.sql(
				"update letters set reply_text = :text, replied_at = now(), reply_approved_at = now(), state = 'approved' where tracking_number = :n")
			.bind("text", text)
			.bind("n", receipt.get("trackingNumber"))
			.then()
			.block();
	}

	private Map<?, ?> submit() {
		Map<String, Object> letter = new LinkedHashMap<>();
		letter.put("mailbox", "mayor");
		letter.put("nature", "help");
		letter.put("field", "urban_construction");
		letter.put("region", "nanhu");
		letter.put("title", "路灯不亮");
		letter.put("body", "南湖路的路灯坏了一个月。");
		letter.put("name", "赵六");
		letter.put("email", "zhao@example.cn");
		return this.http.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(letter)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

}
