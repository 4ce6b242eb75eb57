package cn.mailbox.moderation.letter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LetterSettings.class)
class LetterConfiguration {

}
