package cn.mailbox.portal.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.i18n.LocaleContextResolver;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/** The bean name is how WebFlux finds it. */
	@Bean
	LocaleContextResolver localeContextResolver() {
		return new LanguageResolver();
	}

}
