package cn.mailbox.portal.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageResolverTests {

	private final LanguageResolver resolver = new LanguageResolver();

	@Test
	void choosesTheFirstSupportedLanguageOfTheHeader() {
		assertThat(localeFor("fr-FR,en-GB;q=0.8,zh-CN;q=0.5")).isEqualTo(Locale.ENGLISH);
		assertThat(localeFor("zh-TW,en;q=0.9")).isEqualTo(LanguageResolver.CHINESE);
		assertThat(localeFor("de, *;q=0.1")).isEqualTo(LanguageResolver.CHINESE);
	}

	@Test
	void answersTheSameForARememberedHeaderAsForTheFirstTime() {
		String header = "en-US,en;q=0.9";
		assertThat(localeFor(header)).isEqualTo(Locale.ENGLISH);
		assertThat(localeFor(header)).isEqualTo(Locale.ENGLISH);
		assertThat(this.resolver.rememberedHeaders()).isEqualTo(1);
	}

	@Test
	void fallsBackToChineseForAMissingOrMalformedHeader() {
		assertThat(this.resolver.resolveLocaleContext(exchange(MockServerHttpRequest.get("/"))).getLocale())
			.isEqualTo(LanguageResolver.CHINESE);
		assertThat(localeFor("en;q=2;;;")).isEqualTo(LanguageResolver.CHINESE);
		assertThat(localeFor("")).isEqualTo(LanguageResolver.CHINESE);
	}

	@Test
	void doesNotGrowPastItsBoundForAClientInventingHeaders() {
		for (int i = 0; i < LanguageResolver.REMEMBERED_HEADERS * 3; i++) {
			assertThat(localeFor("en-x-" + Integer.toString(i, 36) + ",zh;q=0.5")).isEqualTo(Locale.ENGLISH);
		}
		assertThat(this.resolver.rememberedHeaders()).isEqualTo(LanguageResolver.REMEMBERED_HEADERS);
	}

	@Test
	void preferenceInTheQueryWinsOverTheHeader() {
		MockServerWebExchange exchange = exchange(
				MockServerHttpRequest.get("/?lang=en").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"));
		assertThat(this.resolver.resolveLocaleContext(exchange).getLocale()).isEqualTo(Locale.ENGLISH);
	}

	private Locale localeFor(String acceptLanguage) {
		return this.resolver
			.resolveLocaleContext(
					exchange(MockServerHttpRequest.get("/").header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage)))
			.getLocale();
	}

	private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		return MockServerWebExchange.from(request);
	}

}
