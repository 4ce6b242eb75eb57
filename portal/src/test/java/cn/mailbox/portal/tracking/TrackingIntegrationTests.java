package cn.mailbox.portal.tracking;

import java.util.Map;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.Citizens.Receipt;
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
		Receipt receipt = submit();
		receipt.track(this.http)
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
		Receipt receipt = submit();
		String typed = receipt.accessCode().toLowerCase().replace("-", " ");
		Citizens.track(this.http, receipt.trackingNumber(), typed).expectStatus().isOk();
	}

	@Test
	void answersWrongNumberAndWrongCodeAlike() {
		Receipt receipt = submit();
		String wrongCode = Citizens.track(this.http, receipt.trackingNumber(), "AAAA-BBBB-CCCC")
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String wrongNumber = Citizens.track(this.http, "SZ19990101-99999", receipt.accessCode())
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(wrongCode.replace(receipt.trackingNumber(), "N"))
			.isEqualTo(wrongNumber.replace("SZ19990101-99999", "N"));
		Citizens.track(this.http, receipt.trackingNumber(), null).expectStatus().isNotFound();
	}

	@Test
	void refusesFeedbackBeforeThereIsAReply() {
		Receipt receipt = submit();
		feedback(receipt, "{\"satisfaction\":\"satisfied\"}").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("这封来信还没有答复，答复后才能评价。");
	}

	@Test
	void recordsFeedbackOnceTheLetterIsAnswered() {
		Receipt receipt = submit();
		reply(receipt, "已安排维修。");
		feedback(receipt, "{\"satisfaction\":\"gold-star\"}").expectStatus().isBadRequest();
		feedback(receipt, "{\"satisfaction\":\"basically_satisfied\",\"comment\":\"修得有点慢\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.satisfaction")
			.isEqualTo("basically_satisfied");
		feedback(receipt, "{\"satisfaction\":\"satisfied\"}").expectStatus().isEqualTo(409);
		receipt.track(this.http)
			.expectBody()
			.jsonPath("$.reply.text")
			.isEqualTo("已安排维修。")
			.jsonPath("$.feedback.comment")
			.isEqualTo("修得有点慢")
			.jsonPath("$.timeline[-1].event")
			.isEqualTo("feedback_given");
	}

	private WebTestClient.ResponseSpec feedback(Receipt receipt, String body) {
		return this.http.post()
			.uri("/api/v1/letters/{n}/feedback", receipt.trackingNumber())
			.header("X-Access-Code", receipt.accessCode())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/**
	 * Until the workflow exists, a reply is written the way the workflow will store it.
	 */
	private void reply(Receipt receipt, String text) {
		this.db.sql(
				"update letters set reply_text = :text, replied_at = now(), reply_approved_at = now(), state = 'approved' where tracking_number = :n")
			.bind("text", text)
			.bind("n", receipt.trackingNumber())
			.then()
			.block();
	}

	private Receipt submit() {
		Map<String, Object> letter = Citizens.letter("help", "urban_construction", "nanhu", "路灯不亮", "南湖路的路灯坏了一个月。");
		letter.put("name", "赵六");
		letter.put("email", "zhao@example.cn");
		return Citizens.submit(this.http, letter);
	}

}
