package cn.mailbox.portal.notification;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.Citizens.Receipt;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffAccounts;
import cn.mailbox.portal.StaffActions;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Citizen notifications end to end: workflow steps through the staff API, a sending round
 * of {@link CitizenMailer}, mails caught by an in-process SMTP server, and the same words
 * on the tracking API.
 */
@PortalIntegrationTest
class NotificationIntegrationTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	WebTestClient http;

	/** The shared machine is slow at times: bcrypt on every Basic request adds up. */
	@Autowired
	void client(WebTestClient client) {
		this.http = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

	@Autowired
	DatabaseClient db;

	@Autowired
	CitizenMailer mailer;

	@Autowired
	JavaMailSender mailSender;

	private String unit;

	@BeforeEach
	void pointTheSenderAtTheTestServer() {
		((JavaMailSenderImpl) this.mailSender).setPort(smtp.getSmtp().getPort());
		this.unit = "notify-" + UUID.randomUUID().toString().substring(0, 8);
		admin("/api/v1/staff/units", Map.of("code", this.unit, "name", "市水务局", "kind", "department")).expectStatus()
			.isCreated();
	}

	@Test
	void mailsEachStepThatMattersInTheWritersLanguage() throws Exception {
		String email = "en-" + UUID.randomUUID() + "@example.org";
		Receipt letter = submit("en", email);
		String number = letter.trackingNumber();
		act(number, Map.of("action", "accept"));
		assertThat(sendRound()).singleElement().satisfies((mail) -> {
			assertThat(mail.getSubject()).isEqualTo("Mayor's mailbox: progress of letter " + number);
			assertThat(body(mail)).contains("Your letter " + number + " has been accepted.");
		});
		act(number, Map.of("action", "assign", "unit", this.unit, "instructions", "请核实"));
		assertThat(body(sendRound().get(0))).contains("has been assigned to 市水务局 for handling.");
		actAs(number, Map.of("action", "sign"), this.unit);
		actAs(number, Map.of("action", "reply", "text", "已修复。"), this.unit);
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		act(number, Map.of("action", "approve"));
		act(number, Map.of("action", "disclose"));
		List<MimeMessage> last = sendRound();
		assertThat(last).hasSize(2);
		assertThat(body(last.get(0))).contains("has been answered");
		assertThat(body(last.get(1))).contains("have been published");
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
				.containsExactly(email);
			assertThat(body(mail)).doesNotContain(letter.accessCode(), "已修复", "Burst water main");
		}
		assertThat(trackJson(letter, "en")).contains("Your letter " + number + " has been accepted.")
			.contains("has been assigned to 市水务局 for handling.");
		assertThat(trackJson(letter, "zh-CN")).contains("您的来信（编号 " + number + "）已交由市水务局办理。");
	}

	@Test
	void tellsTheReasonOfARejectionInChinese() throws Exception {
		Receipt letter = submit("zh-CN", "zh-" + UUID.randomUUID() + "@example.cn");
		String number = letter.trackingNumber();
		act(number, Map.of("action", "reject", "reason", "court", "comment", "内部备注"));
		MimeMessage mail = sendRound().get(0);
		assertThat(mail.getSubject()).isEqualTo("市长信箱：来信 " + number + " 办理进度");
		assertThat(body(mail)).contains("您的来信（编号 " + number + "）不予受理，理由：属法院职权范围。").doesNotContain("内部备注");
		assertThat(trackJson(letter, "en")).contains("Reason: A matter for the courts.")
			.contains("\"rejectionReason\":{\"code\":\"court\",\"label\":\"A matter for the courts\"}");
		assertThat(trackJson(letter, "zh-CN"))
			.contains("\"rejectionReason\":{\"code\":\"court\",\"label\":\"属法院职权范围\"}");
	}

	@Test
	void showsNoticesOnThePageOnlyWhenTheWriterGaveNoAddress() {
		Receipt letter = submit("zh-CN", null);
		act(letter.trackingNumber(), Map.of("action", "accept"));
		assertThat(sendRound()).isEmpty();
		assertThat(status(letter.trackingNumber())).isEqualTo("page_only");
		assertThat(trackJson(letter, "zh-CN")).contains("已受理。");
	}

	@Test
	void retriesLaterWhenTheMailServerIsDown() throws Exception {
		String address = "down-" + UUID.randomUUID() + "@example.cn";
		Receipt letter = submit("zh-CN", address);
		String number = letter.trackingNumber();
		((JavaMailSenderImpl) this.mailSender).setPort(closedPort());
		act(number, Map.of("action", "accept"));
		Instant now = Instant.now();
		this.mailer.sendDue(now).block();
		assertThat(status(number)).isEqualTo("pending");
		assertThat(attempts(number)).isEqualTo(1);
		((JavaMailSenderImpl) this.mailSender).setPort(smtp.getSmtp().getPort());
		this.mailer.sendDue(now.plusSeconds(10)).block();
		// Other tests' letters may go out in the same rounds: only this writer's mail
		// counts.
		assertThat(mailsTo(address)).as("not due again before the back-off").isEmpty();
		this.mailer.sendDue(now.plus(Duration.ofMinutes(2))).block();
		assertThat(mailsTo(address)).singleElement()
			.satisfies((mail) -> assertThat(body(mail)).contains(number + "）已受理"));
		assertThat(status(number)).isEqualTo("sent");
		assertThat(attempts(number)).isEqualTo(2);
	}

	private static List<MimeMessage> mailsTo(String address) throws Exception {
		List<MimeMessage> mails = new java.util.ArrayList<>();
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			if (java.util.Arrays.stream(mail.getAllRecipients()).anyMatch((to) -> to.toString().equals(address))) {
				mails.add(mail);
			}
		}
		return mails;
	}

	/**
	 * One sending round; answers the mails it delivered (other tests' letters go out
	 * too).
	 */
	private List<MimeMessage> sendRound() {
		int before = smtp.getReceivedMessages().length;
		this.mailer.sendDue(Instant.now().plusSeconds(1)).block();
		MimeMessage[] all = smtp.getReceivedMessages();
		return Arrays.asList(all).subList(before, all.length);
	}

	private static String body(MimeMessage mail) {
		try {
			return mail.getContent().toString();
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String status(String number) {
		return this.db.sql("""
				select n.status from citizen_notifications n join letters l on l.id = n.letter_id
				where l.tracking_number = :n order by n.id desc limit 1""")
			.bind("n", number)
			.map((row) -> row.get("status", String.class))
			.one()
			.block();
	}

	private int attempts(String number) {
		return this.db.sql("""
				select n.attempts from citizen_notifications n join letters l on l.id = n.letter_id
				where l.tracking_number = :n order by n.id desc limit 1""")
			.bind("n", number)
			.map((row) -> row.get("attempts", Integer.class))
			.one()
			.block();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private String trackJson(Receipt letter, String language) {
		return Citizens
			.track(this.http, letter.trackingNumber(), letter.accessCode(),
					(headers) -> headers.set("Accept-Language", language))
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private void act(String number, Map<String, Object> action) {
		StaffActions.actAsAdministrator(this.http, number, action).expectStatus().isOk();
	}

	/** Acts as an officer of the unit, created on the way. */
	private void actAs(String number, Map<String, Object> action, String unit) {
		String officer = unit + "-officer";
		StaffAccounts.user(this.http, officer, "a-long-test-password", List.of("unit_officer"), unit);
		StaffActions.act(this.http, officer, "a-long-test-password", number, action).expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec admin(String path, Map<String, Object> body) {
		return StaffAccounts.post(this.http, path, body);
	}

	/** Submitted in the given language, which the notifications must speak. */
	private Receipt submit(String language, String email) {
		Map<String, Object> letter = Citizens.letter("help", "water_power_gas", "xishan", "Burst water main",
				"Burst water main on our street since Monday, please repair. " + UUID.randomUUID());
		letter.put("name", "Li Lei");
		letter.put("phone", "13900139001");
		if (email != null) {
			letter.put("email", email);
		}
		letter.put("publicationConsent", true);
		return Citizens.submit(this.http, letter, (headers) -> headers.set("Accept-Language", language));
	}

}
