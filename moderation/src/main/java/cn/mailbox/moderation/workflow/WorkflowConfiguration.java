package cn.mailbox.moderation.workflow;

import java.time.Clock;

import cn.mailbox.moderation.calendar.Deadlines;
import cn.mailbox.moderation.calendar.WorkingDayCalendar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkflowSettings.class)
class WorkflowConfiguration {

	/**
	 * The shipped State Council calendar; administrators load new years into this
	 * instance.
	 */
	@Bean
	WorkingDayCalendar workingDayCalendar() {
		return WorkingDayCalendar.bundled();
	}

	@Bean
	Deadlines deadlines(WorkingDayCalendar calendar, WorkflowSettings settings, Clock clock) {
		return new Deadlines(calendar, settings.policy(), clock);
	}

	@Bean
	LetterStateMachine letterStateMachine(Deadlines deadlines) {
		return new LetterStateMachine(deadlines);
	}

}
