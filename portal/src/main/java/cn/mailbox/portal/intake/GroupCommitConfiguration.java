package cn.mailbox.portal.intake;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code portal.intake.group-commit} for {@link SubmitLetter}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GroupCommitSettings.class)
class GroupCommitConfiguration {

}
