package cn.mailbox.portal.intake;

import java.util.Map;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffActions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake screening wired into submission: quarantine, duplicate links and scope flags,
 * nothing dropped.
 */
@PortalIntegrationTest
class ScreeningIntegrationTests {

	@Autowired
	WebTestClient http;

	@Test
	void quarantinesALetterShapedAdvertInsteadOfDroppingIt() {
		Map<String, Object> advert = Letters.with("nature", "suggestion");
		advert.put("title", "低息贷款当天放款");
		advert.put("body", "尊敬的领导：本公司提供低息贷款，无抵押当天放款，代开发票，优惠促销，详询加微信 loan8888，"
				+ "QQ 12345678，访问 http://loan.example.com 免费领取额度，回复TD退订。");
		advert.put("phone", "138" + (10000000 + (int) (Math.random() * 89999999)));
		Map<?, ?> receipt = submit(advert).expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(receipt.get("status")).isEqualTo("quarantined");
		staffView((String) receipt.get("trackingNumber")).jsonPath("$.state")
			.isEqualTo("quarantined")
			.jsonPath("$.screening.quarantined")
			.isEqualTo(true)
			.jsonPath("$.screening.reasons")
			.isNotEmpty();
	}

	@Test
	void letsAnOrdinaryComplaintThrough() {
		Map<String, Object> letter = Letters.with("body", "小区门口的路灯坏了两个月，晚上很黑，老人出门不方便，请尽快修理。");
		letter.put("phone", "139" + (10000000 + (int) (Math.random() * 89999999)));
		submit(letter).expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("received");
	}

	@Test
	void linksAResubmittedLetterToTheWritersEarlierOne() {
		String phone = "137" + (10000000 + (int) (Math.random() * 89999999));
		// Random text, so that no letter from an earlier run of the suite is a near
		// duplicate.
		String body = randomChinese(120) + "每天早上六点";
		Map<String, Object> first = Letters.with("body", body);
		first.put("phone", phone);
		String original = (String) submit(first).expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("trackingNumber");
		Map<String, Object> again = Letters.with("body", body.replace("每天早上六点", "每天清晨六点左右"));
		again.put("phone", phone);
		Map<?, ?> receipt = submit(again).expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(receipt.get("linkedTo")).isEqualTo(original);
		staffView((String) receipt.get("trackingNumber")).jsonPath("$.screening.duplicateOf").isEqualTo(original);
	}

	@Test
	void flagsMattersOutsideTheMailboxesScopeForTheModerator() {
		Map<String, Object> letter = Letters.with("body", "我对区人民法院的一审判决不服，请市长督促法院重新审理此案。");
		letter.put("phone", "136" + (10000000 + (int) (Math.random() * 89999999)));
		String number = (String) submit(letter).expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("trackingNumber");
		staffView(number).jsonPath("$.screening.scopeFlags[0]")
			.isEqualTo("judiciary")
			.jsonPath("$.state")
			.isEqualTo("received");
	}

	private static String randomChinese(int length) {
		String pool = "西山区华庭小区三栋楼下垃圾站每天清运噪音很大而且渗滤液流到人行道上气味难闻请环卫部门调整时间并清理"
				+ "路灯维修停水停电公交线路学校医院社保公积金物业业主委员会电梯漏水违建拆除绿化带占道经营";
		java.util.Random random = new java.util.Random();
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(pool.charAt(random.nextInt(pool.length())));
		}
		return text.toString();
	}

	private WebTestClient.ResponseSpec submit(Map<String, Object> letter) {
		return Citizens.post(this.http, letter);
	}

	private WebTestClient.BodyContentSpec staffView(String number) {
		return StaffActions.view(this.http, "admin", PortalIntegrationTest.ADMIN_PASSWORD, number)
			.expectStatus()
			.isOk()
			.expectBody();
	}

}
