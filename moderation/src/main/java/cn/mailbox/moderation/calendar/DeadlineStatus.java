package cn.mailbox.moderation.calendar;

import java.time.LocalDate;

/**
 * Where a deadline stands on a given day, in working days: the handling timer the public
 * board and the reminders show.
 *
 * @param today the day looked at, in the deployment's zone
 * @param workingDaysElapsed working days used: after the start day up to and including
 * today
 * @param workingDaysLeft working days after today up to and including the due date; 0 on
 * the due date and after it
 * @param overdue whether the end of the due date has passed
 * @param workingDaysOverdue working days after the due date up to and including today (0
 * when not overdue, and also on a weekend right after a Friday deadline)
 * @param reminderDue whether supervision reminds the unit today (催办): today is a working
 * day and either the last working day before the due date or after it
 */
public record DeadlineStatus(LocalDate today, int workingDaysElapsed, int workingDaysLeft, boolean overdue,
		int workingDaysOverdue, boolean reminderDue) {

}
