package cn.mailbox.moderation.workflow;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import cn.mailbox.moderation.calendar.DeadlinePolicy;
import cn.mailbox.moderation.letter.Nature;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Handling limits per deployment ({@code moderation.deadlines.*}).
 *
 * @param limits working days per nature code ({@code complaint: 5}); natures left out
 * keep the 12345 defaults
 * @param jointLimitDays the limit for joint handling and after a leader's instruction
 * @param zone where working days are counted
 */
@ConfigurationProperties("moderation.deadlines")
public record WorkflowSettings(Map<String, Integer> limits, @DefaultValue("10") int jointLimitDays,
		@DefaultValue("Asia/Shanghai") ZoneId zone) {

	public WorkflowSettings {
		limits = (limits != null) ? Map.copyOf(limits) : Map.of();
	}

	DeadlinePolicy policy() {
		Map<Nature, Integer> byNature = new EnumMap<>(Nature.class);
		for (Nature nature : Nature.values()) {
			byNature.put(nature, this.limits.getOrDefault(nature.code(), nature.defaultLimitDays()));
		}
		return new DeadlinePolicy(byNature, this.jointLimitDays, this.zone);
	}

}
