package cn.mailbox.portal.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * Replaces Boot's file-reading resolver (same bean name) with one that reads
	 * templates once.
	 */
	@Bean
	PreloadedTemplateResolver defaultTemplateResolver() {
		return new PreloadedTemplateResolver();
	}

	/** The bean name is how WebFlux finds it. */
	@Bean
	LanguageResolver localeContextResolver() {
		return new LanguageResolver();
	}

	@Bean
	AnsweredByServerFilter answeredByServerFilter() {
		return new AnsweredByServerFilter();
	}

}
