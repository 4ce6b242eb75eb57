package cn.mailbox.moderation.holidays;

import java.util.List;

/** An uploaded holiday notice was refused (400); nothing was stored or changed. */
public class CalendarRejected extends RuntimeException {

	private final List<CalendarViolation> violations;

	CalendarRejected(List<CalendarViolation> violations) {
		super("Invalid holiday notice: " + violations.size() + " problem(s)", null, false, false);
		this.violations = List.copyOf(violations);
	}

	public List<CalendarViolation> violations() {
		return this.violations;
	}

}
