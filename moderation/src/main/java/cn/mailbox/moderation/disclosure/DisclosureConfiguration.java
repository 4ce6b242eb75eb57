package cn.mailbox.moderation.disclosure;

import cn.mailbox.moderation.redaction.RedactionSettings;
import cn.mailbox.moderation.redaction.Redactor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DisclosureConfiguration {

	@Bean
	Redactor redactor() {
		return new Redactor(RedactionSettings.defaults());
	}

}
