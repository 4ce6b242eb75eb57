package cn.mailbox.moderation.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import cn.mailbox.moderation.letter.Nature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeadlinesTests {

	private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.bundled();

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Test
	void fridayAssignmentWithLimitThreeIsDueWednesdayEndOfDay() {
		Deadline deadline = deadlinesAt("2024-03-08T10:00").start(Nature.CONSULTATION, TimerBasis.ASSIGNMENT,
				shanghai("2024-03-08T10:00"), null);

		assertThat(deadline.limitDays()).isEqualTo(3);
		assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2024, 3, 13));
		assertThat(deadline.dueAt()).isEqualTo(Instant.parse("2024-03-13T15:59:59.999999999Z"));
	}

	@Test
	void complaintAssignedBeforeNationalDayIsDueTheThursdayAfter() {
		// Fri 2024-09-27 + 5: Sun 29 (make-up), Mon 30, [1–7 Oct off], Tue 8, Wed 9, Thu
		// 10.
		Deadline deadline = deadlinesAt("2024-09-27T16:00").startNow(Nature.COMPLAINT, TimerBasis.ASSIGNMENT, null);

		assertThat(deadline.startDay()).isEqualTo(LocalDate.of(2024, 9, 27));
		assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2024, 10, 10));
	}

	@Test
	void extensionCountsTheMakeUpSaturday() {
		Deadlines deadlines = deadlinesAt("2024-09-27T16:00");
		Deadline deadline = deadlines.startNow(Nature.COMPLAINT, TimerBasis.ASSIGNMENT, null);

		// Two more: Fri 11 Oct, then Sat 12 Oct, a make-up working day.
		Deadline extended = deadlines.extend(deadline, 2);

		assertThat(extended.extensionDays()).isEqualTo(2);
		assertThat(extended.totalDays()).isEqualTo(7);
		assertThat(extended.dueDate()).isEqualTo(LocalDate.of(2024, 10, 12));
		assertThat(deadlines.extend(extended, 1).dueDate()).isEqualTo(LocalDate.of(2024, 10, 14));
	}

	@Test
	void spansSpringFestival2025() {
		Deadlines deadlines = deadlinesAt("2025-01-24T09:00");

		assertThat(deadlines.startNow(Nature.PRAISE, TimerBasis.ASSIGNMENT, null).dueDate())
			.isEqualTo(LocalDate.of(2025, 2, 5));
		assertThat(deadlines.startNow(Nature.REPORT, TimerBasis.ASSIGNMENT, null).dueDate())
			.isEqualTo(LocalDate.of(2025, 2, 13));
	}

	@Test
	void jointHandlingGetsTenWorkingDays() {
		Deadline deadline = deadlinesAt("2024-03-08T10:00").startNow(Nature.CONSULTATION, TimerBasis.JOINT_HANDLING,
				null);

		assertThat(deadline.limitDays()).isEqualTo(10);
		assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2024, 3, 22));
	}

	@Test
	void leadersInstructionGetsTenWorkingDaysUnlessTheModeratorSetsALimit() {
		Deadlines deadlines = deadlinesAt("2024-03-08T10:00");

		assertThat(deadlines.startNow(Nature.HELP, TimerBasis.LEADER_INSTRUCTION, null).limitDays()).isEqualTo(10);
		assertThat(deadlines.startNow(Nature.HELP, TimerBasis.LEADER_INSTRUCTION, 4).dueDate())
			.isEqualTo(LocalDate.of(2024, 3, 14));
	}

	@Test
	void directReplyIsTimedFromReceipt() {
		Deadlines deadlines = deadlinesAt("2024-03-13T10:00");

		Deadline deadline = deadlines.start(Nature.CONSULTATION, TimerBasis.DIRECT_REPLY, shanghai("2024-03-08T20:00"),
				null);

		assertThat(deadline.startDay()).isEqualTo(LocalDate.of(2024, 3, 8));
		assertThat(deadline.dueDate()).isEqualTo(LocalDate.of(2024, 3, 13));
	}

	@Test
	void countsDaysInTheDeploymentZone() {
		// 17:30 UTC on Thursday is 01:30 on Friday in Shanghai.
		Instant assigned = Instant.parse("2024-03-07T17:30:00Z");
		Deadlines shanghai = new Deadlines(CALENDAR, DeadlinePolicy.defaults(), Clock.fixed(assigned, SHANGHAI));
		Deadlines utc = new Deadlines(CALENDAR, DeadlinePolicy.defaults().withZone(ZoneOffset.UTC),
				Clock.fixed(assigned, ZoneOffset.UTC));

		assertThat(shanghai.startNow(Nature.OTHER, TimerBasis.ASSIGNMENT, null).dueDate())
			.isEqualTo(LocalDate.of(2024, 3, 13));
		assertThat(utc.startNow(Nature.OTHER, TimerBasis.ASSIGNMENT, null).dueDate())
			.isEqualTo(LocalDate.of(2024, 3, 12));
	}

	@Test
	void takesConfiguredLimitsPerNature() {
		DeadlinePolicy policy = DeadlinePolicy.defaults().withLimit(Nature.COMPLAINT, 7).withJointLimitDays(15);

		assertThat(policy.limitFor(Nature.COMPLAINT)).isEqualTo(7);
		assertThat(policy.limitFor(Nature.REPORT)).isEqualTo(10);
		assertThat(policy.limitFor(Nature.SUGGESTION, TimerBasis.JOINT_HANDLING, null)).isEqualTo(15);
		assertThat(policy.zone()).isEqualTo(SHANGHAI);
	}

	@Test
	void refusesLimitsBelowOneWorkingDay() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeadlinePolicy.defaults().withLimit(Nature.HELP, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeadlinePolicy.defaults().limitFor(Nature.HELP, TimerBasis.ASSIGNMENT, 0));
	}

	@Test
	void followsTheTimerAsTheClockMoves() {
		Instant assigned = shanghai("2024-09-27T10:00");
		Deadline deadline = deadlinesAt("2024-09-27T10:00").start(Nature.COMPLAINT, TimerBasis.ASSIGNMENT, assigned,
				null);

		DeadlineStatus sameDay = deadlinesAt("2024-09-27T18:00").status(deadline);
		assertThat(sameDay.workingDaysElapsed()).isZero();
		assertThat(sameDay.workingDaysLeft()).isEqualTo(5);

		DeadlineStatus afterHoliday = deadlinesAt("2024-10-08T09:00").status(deadline);
		assertThat(afterHoliday.workingDaysElapsed()).isEqualTo(3);
		assertThat(afterHoliday.workingDaysLeft()).isEqualTo(2);
		assertThat(afterHoliday.reminderDue()).isFalse();

		DeadlineStatus dayBefore = deadlinesAt("2024-10-09T09:00").status(deadline);
		assertThat(dayBefore.workingDaysLeft()).isOne();
		assertThat(dayBefore.reminderDue()).as("one working day before").isTrue();

		DeadlineStatus lastMinute = deadlinesAt("2024-10-10T23:59").status(deadline);
		assertThat(lastMinute.overdue()).isFalse();
		assertThat(lastMinute.workingDaysLeft()).isZero();

		DeadlineStatus justLate = deadlinesAt("2024-10-11T00:00").status(deadline);
		assertThat(justLate.overdue()).isTrue();
		assertThat(justLate.workingDaysOverdue()).isOne();
		assertThat(justLate.reminderDue()).isTrue();

		DeadlineStatus sunday = deadlinesAt("2024-10-13T12:00").status(deadline);
		assertThat(sunday.workingDaysOverdue()).as("Fri 11 and make-up Sat 12").isEqualTo(2);
		assertThat(sunday.workingDaysElapsed()).isEqualTo(7);
		assertThat(sunday.reminderDue()).as("no reminders on a Sunday").isFalse();
	}

	@Test
	void knowsWhenTheLimitHasPassed() {
		Deadline deadline = deadlinesAt("2024-03-08T10:00").startNow(Nature.CONSULTATION, TimerBasis.ASSIGNMENT, null);

		assertThat(deadlinesAt("2024-03-13T23:00").isOverdue(deadline)).isFalse();
		assertThat(deadlinesAt("2024-03-14T08:00").isOverdue(deadline)).isTrue();
	}

	@Test
	void judgesTheTimerAtTheReplyTime() {
		Deadlines deadlines = deadlinesAt("2024-04-01T10:00");
		Deadline deadline = deadlines.start(Nature.CONSULTATION, TimerBasis.ASSIGNMENT, shanghai("2024-03-08T10:00"),
				null);

		DeadlineStatus replied = deadlines.statusAt(deadline, shanghai("2024-03-12T15:00"));

		assertThat(replied.overdue()).isFalse();
		assertThat(replied.workingDaysElapsed()).isEqualTo(2);
	}

	static Instant shanghai(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
	}

	static Deadlines deadlinesAt(String localDateTime) {
		return new Deadlines(CALENDAR, DeadlinePolicy.defaults(), Clock.fixed(shanghai(localDateTime), SHANGHAI));
	}

}
