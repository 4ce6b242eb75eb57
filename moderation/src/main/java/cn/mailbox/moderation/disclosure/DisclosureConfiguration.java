package cn.mailbox.moderation.disclosure;

import cn.mailbox.moderation.redaction.RedactionSettings;
import cn.mailbox.moderation.redaction.Redactor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedactionProperties.class)
class DisclosureConfiguration {

	@Bean
	Redactor redactor() {
		return new Redactor(RedactionSettings.defaults());
	}

}
