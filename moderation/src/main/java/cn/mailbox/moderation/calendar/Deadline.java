package cn.mailbox.moderation.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A letter's handling deadline: the end of the {@code limitDays + extensionDays}th
 * working day after the start day. Made by {@link Deadlines}; a plain value to store and
 * show.
 *
 * @param basis what the timer runs from
 * @param startedAt when the timer started (assignment, or receipt for a direct reply)
 * @param startDay the calendar day of {@code startedAt} in the deployment's zone; it
 * never counts itself
 * @param limitDays the limit in working days
 * @param extensionDays the working days granted in extensions, in total
 * @param dueDate the last working day
 * @param dueAt the end of {@code dueDate} in the deployment's zone (its last nanosecond):
 * a letter is overdue once the clock is after it
 */
public record Deadline(TimerBasis basis, Instant startedAt, LocalDate startDay, int limitDays, int extensionDays,
		LocalDate dueDate, Instant dueAt) {

	public Deadline {
		Objects.requireNonNull(basis, "basis");
		Objects.requireNonNull(startedAt, "startedAt");
		Objects.requireNonNull(startDay, "startDay");
		Objects.requireNonNull(dueDate, "dueDate");
		Objects.requireNonNull(dueAt, "dueAt");
		if (limitDays < 1 || extensionDays < 0) {
			throw new IllegalArgumentException("Bad limit " + limitDays + " / extension " + extensionDays);
		}
		if (dueDate.isBefore(startDay)) {
			throw new IllegalArgumentException("Due " + dueDate + " before the start " + startDay);
		}
	}

	/** The limit including extensions. */
	public int totalDays() {
		return this.limitDays + this.extensionDays;
	}

}
