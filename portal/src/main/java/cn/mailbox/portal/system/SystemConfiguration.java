package cn.mailbox.portal.system;

import java.time.Clock;

import cn.mailbox.portal.intake.IntakeSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Cross-cutting setup: the clock every timer and deadline reads, and the settings
 * records.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeSettings.class)
@EnableScheduling
class SystemConfiguration {

	/** Injected everywhere time matters, so tests can travel in time. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
