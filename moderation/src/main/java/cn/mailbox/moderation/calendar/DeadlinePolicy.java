package cn.mailbox.moderation.calendar;

import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import cn.mailbox.moderation.letter.Nature;

/**
 * The deployment's handling limits: working days per nature, the limit for joint handling
 * (会签) and for letters assigned after a leader's instruction, and the time zone days are
 * counted in. Every value is configuration; {@link #defaults()} gives the 12345 limits,
 * the Chongqing 10-day rule and Asia/Shanghai.
 *
 * @param limits working days per nature; natures left out take
 * {@link Nature#defaultLimitDays()}
 * @param jointLimitDays working days for joint handling and after a leader's instruction,
 * unless the moderator sets a limit when assigning
 * @param zone the zone whose calendar days are counted
 */
public record DeadlinePolicy(Map<Nature, Integer> limits, int jointLimitDays, ZoneId zone) {

	/** The Chongqing rule for 会签 and 批示 letters. */
	public static final int DEFAULT_JOINT_LIMIT_DAYS = 10;

	public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

	public DeadlinePolicy {
		Map<Nature, Integer> complete = new EnumMap<>(Nature.class);
		for (Nature nature : Nature.values()) {
			Integer days = (limits != null) ? limits.get(nature) : null;
			complete.put(nature, requirePositive((days != null) ? days : nature.defaultLimitDays(), nature.code()));
		}
		limits = Collections.unmodifiableMap(complete);
		requirePositive(jointLimitDays, "joint handling");
		zone = (zone != null) ? zone : DEFAULT_ZONE;
	}

	/**
	 * The defaults of the domain: the natures' own limits, 10 days for joint handling and
	 * instructed letters, Asia/Shanghai.
	 * @return the default policy
	 */
	public static DeadlinePolicy defaults() {
		return new DeadlinePolicy(Map.of(), DEFAULT_JOINT_LIMIT_DAYS, DEFAULT_ZONE);
	}

	/**
	 * The handling limit for a nature.
	 * @param nature the letter's nature
	 * @return working days
	 */
	public int limitFor(Nature nature) {
		return this.limits.get(Objects.requireNonNull(nature, "nature"));
	}

	/**
	 * The limit a new timer gets: the moderator's limit when one is given, else the joint
	 * limit for joint handling and instructed letters, else the nature's limit.
	 * @param nature the letter's nature
	 * @param basis what the timer runs from
	 * @param explicitLimitDays the limit set when assigning, or {@code null}
	 * @return working days
	 */
	public int limitFor(Nature nature, TimerBasis basis, Integer explicitLimitDays) {
		if (explicitLimitDays != null) {
			return requirePositive(explicitLimitDays, "explicit");
		}
		return basis.usesJointLimit() ? this.jointLimitDays : limitFor(nature);
	}

	public DeadlinePolicy withLimit(Nature nature, int days) {
		Map<Nature, Integer> changed = new EnumMap<>(this.limits);
		changed.put(nature, days);
		return new DeadlinePolicy(changed, this.jointLimitDays, this.zone);
	}

	public DeadlinePolicy withJointLimitDays(int days) {
		return new DeadlinePolicy(this.limits, days, this.zone);
	}

	public DeadlinePolicy withZone(ZoneId zone) {
		return new DeadlinePolicy(this.limits, this.jointLimitDays, zone);
	}

	private static int requirePositive(int days, String what) {
		if (days < 1) {
			throw new IllegalArgumentException("The " + what + " limit must be at least 1 working day: " + days);
		}
		return days;
	}

}
