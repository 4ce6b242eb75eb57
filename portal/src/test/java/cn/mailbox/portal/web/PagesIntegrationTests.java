package cn.mailbox.portal.web;

import java.util.Map;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.Citizens.Receipt;
import cn.mailbox.portal.PageSessions;
import cn.mailbox.portal.PageSessions.Session;
import cn.mailbox.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

@PortalIntegrationTest
class PagesIntegrationTests {

	@Autowired
	WebTestClient http;

	@Test
	void homeOffersTheLetterFormWithALabelForEveryField() {
		String html = get("/").getResponseBody();
		assertThat(html).contains("<html lang=\"zh-CN\">").contains("写信给市长").contains("name=\"_csrf\"");
		for (String field : new String[] { "mailbox", "nature", "field", "region", "title", "body", "name", "phone",
				"email", "anonymous", "publicationConsent" }) {
			assertThat(html).as(field).contains("id=\"" + field + "\"").contains("for=\"" + field + "\"");
		}
	}

	@Test
	void speaksEnglishWhenAsked() {
		assertThat(get("/?lang=en").getResponseBody()).contains("<html lang=\"en\">").contains("Write to the mayor");
	}

	@Test
	void protectsPagesWithAStrictContentSecurityPolicy() {
		EntityExchangeResult<String> page = get("/");
		String csp = page.getResponseHeaders().getFirst("Content-Security-Policy");
		assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
		assertThat(page.getResponseHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(page.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void submittingTheFormShowsTheNumberAndCodeOnceAndUncached() {
		Session session = session();
		EntityExchangeResult<String> result = postForm("/letters", session, letterForm("咨询公积金提取"));
		assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(result.getResponseHeaders().getCacheControl()).contains("no-store");
		String html = result.getResponseBody();
		assertThat(html).containsPattern("id=\"tracking-number\">SZ\\d{8}-\\d{5}<")
			.containsPattern("id=\"access-code\">[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}<")
			.contains("查询码只显示这一次");
	}

	@Test
	void refusesAFormPostWithoutItsCsrfToken() {
		this.http.post()
			.uri("/letters")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(letterForm("no token")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void showsFormErrorsNextToTheFieldsAndKeepsWhatWasTyped() {
		Session session = session();
		MultiValueMap<String, String> form = letterForm("标题保留");
		form.remove("region");
		EntityExchangeResult<String> result = postForm("/letters", session, form);
		assertThat(result.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(result.getResponseBody()).contains("所在地区不能为空").contains("value=\"标题保留\"");
	}

	@Test
	void trackingPageShowsTheLetterWithHostileTextEscaped() {
		Map<String, Object> letter = Citizens.letter("suggestion", "transport", "gaoxin",
				"<img src=x onerror=alert(1)>", "<script>alert('pwned')</script>");
		letter.put("name", "钱七");
		letter.put("phone", "0731-88886666");
		Receipt receipt = Citizens.submit(this.http, letter);
		Session session = session();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("trackingNumber", receipt.trackingNumber());
		form.add("accessCode", receipt.accessCode());
		EntityExchangeResult<String> page = postForm("/track", session, form);
		assertThat(page.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(page.getResponseBody()).contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;")
			.doesNotContain("<script>alert")
			.doesNotContain("<img src=x")
			.contains("待受理");
		form.set("accessCode", "WRONG-CODE-0000");
		assertThat(postForm("/track", session, form).getResponseBody()).contains("没有找到这封来信");
	}

	private EntityExchangeResult<String> get(String path) {
		return PageSessions.get(this.http, path, null);
	}

	private Session session() {
		return PageSessions.visit(this.http, "/");
	}

	private EntityExchangeResult<String> postForm(String path, Session session, MultiValueMap<String, String> form) {
		return PageSessions.postForm(this.http, path, session, form);
	}

	private static MultiValueMap<String, String> letterForm(String title) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("mailbox", "mayor");
		form.add("nature", "consultation");
		form.add("field", "labour_social_security");
		form.add("region", "dongcheng");
		form.add("title", title);
		form.add("body", "请问离职后如何提取住房公积金？");
		form.add("name", "孙八");
		form.add("email", "sun@example.cn");
		form.add("publicationConsent", "true");
		return form;
	}

}
