package cn.mailbox.moderation.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

import cn.mailbox.moderation.letter.Nature;

/**
 * Computes handling deadlines and timers from the working-day calendar, the deployment's
 * {@link DeadlinePolicy} and an injected {@link Clock} (so tests and the public board
 * agree on "now").
 * <p>
 * The clock starts when a letter is assigned (交办之日起), or at receipt for a direct reply;
 * the deadline is the end of the Nth working day after that day:
 *
 * <pre>{@code
 * Deadlines deadlines = new Deadlines(WorkingDayCalendar.bundled(), DeadlinePolicy.defaults(), clock);
 * Deadline due = deadlines.start(Nature.CONSULTATION, TimerBasis.ASSIGNMENT, assignedAt, null);
 * // assigned Friday 2024-03-08 → due.dueDate() == 2024-03-13 (Wednesday), dueAt 23:59:59.999999999 +08:00
 * DeadlineStatus now = deadlines.status(due);
 * }</pre>
 */
public final class Deadlines {

	private final WorkingDayCalendar calendar;

	private final DeadlinePolicy policy;

	private final Clock clock;

	public Deadlines(WorkingDayCalendar calendar, DeadlinePolicy policy, Clock clock) {
		this.calendar = Objects.requireNonNull(calendar, "calendar");
		this.policy = Objects.requireNonNull(policy, "policy");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Starts a handling timer.
	 * @param nature the letter's nature
	 * @param basis what the timer runs from
	 * @param startedAt the assignment time, or the receipt time for a direct reply
	 * @param explicitLimitDays the limit the moderator set when assigning, or
	 * {@code null} for the policy's
	 * @return the deadline
	 */
	public Deadline start(Nature nature, TimerBasis basis, Instant startedAt, Integer explicitLimitDays) {
		Objects.requireNonNull(startedAt, "startedAt");
		int limit = this.policy.limitFor(nature, basis, explicitLimitDays);
		LocalDate startDay = day(startedAt);
		return deadline(basis, startedAt, startDay, limit, 0);
	}

	/**
	 * Starts a timer at the clock's current instant.
	 * @param nature the letter's nature
	 * @param basis what the timer runs from
	 * @param explicitLimitDays the limit the moderator set, or {@code null}
	 * @return the deadline
	 */
	public Deadline startNow(Nature nature, TimerBasis basis, Integer explicitLimitDays) {
		return start(nature, basis, this.clock.instant(), explicitLimitDays);
	}

	/**
	 * Adds working days granted in an extension (延期). Counted from the start day again,
	 * so a calendar corrected in between is honoured.
	 * @param deadline the current deadline
	 * @param days working days granted, at least 1
	 * @return the extended deadline
	 */
	public Deadline extend(Deadline deadline, int days) {
		if (days < 1) {
			throw new IllegalArgumentException("An extension adds at least 1 working day: " + days);
		}
		return deadline(deadline.basis(), deadline.startedAt(), deadline.startDay(), deadline.limitDays(),
				deadline.extensionDays() + days);
	}

	/**
	 * The timer now.
	 * @param deadline the deadline
	 * @return its status at the clock's instant
	 */
	public DeadlineStatus status(Deadline deadline) {
		return statusAt(deadline, this.clock.instant());
	}

	/**
	 * The timer at a given instant, e.g. when the reply was given (for "on time" in the
	 * public record).
	 * @param deadline the deadline
	 * @param at the instant
	 * @return its status then
	 */
	public DeadlineStatus statusAt(Deadline deadline, Instant at) {
		LocalDate today = day(at);
		boolean overdue = at.isAfter(deadline.dueAt());
		int left = Math.max(0, this.calendar.workingDaysBetween(today, deadline.dueDate()));
		int overdueDays = overdue ? Math.max(0, this.calendar.workingDaysBetween(deadline.dueDate(), today)) : 0;
		boolean workingDay = this.calendar.isWorkingDay(today);
		boolean lastDayBefore = !overdue && this.calendar.workingDaysBetween(today, deadline.dueDate()) == 1;
		return new DeadlineStatus(today, Math.max(0, this.calendar.workingDaysBetween(deadline.startDay(), today)),
				left, overdue, overdueDays, workingDay && (lastDayBefore || overdue));
	}

	/**
	 * Whether the end of the due date has passed on the clock; an extension can only be
	 * asked for before that.
	 * @param deadline the deadline
	 * @return {@code true} once overdue
	 */
	public boolean isOverdue(Deadline deadline) {
		return this.clock.instant().isAfter(deadline.dueAt());
	}

	/** The calendar day of an instant in the deployment's zone. */
	public LocalDate day(Instant instant) {
		return instant.atZone(zone()).toLocalDate();
	}

	/** Today in the deployment's zone. */
	public LocalDate today() {
		return day(this.clock.instant());
	}

	public Instant now() {
		return this.clock.instant();
	}

	public ZoneId zone() {
		return this.policy.zone();
	}

	public DeadlinePolicy policy() {
		return this.policy;
	}

	public WorkingDayCalendar calendar() {
		return this.calendar;
	}

	private Deadline deadline(TimerBasis basis, Instant startedAt, LocalDate startDay, int limit, int extension) {
		LocalDate due = this.calendar.plusWorkingDays(startDay, limit + extension);
		Instant dueAt = due.atTime(LocalTime.MAX).atZone(zone()).toInstant();
		return new Deadline(basis, startedAt, startDay, limit, extension, due, dueAt);
	}

}
