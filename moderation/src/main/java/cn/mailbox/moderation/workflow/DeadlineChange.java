package cn.mailbox.moderation.workflow;

import cn.mailbox.moderation.calendar.Deadline;

/**
 * What a step does to the handling timer, for the audit trail and the public timer.
 */
public sealed interface DeadlineChange {

	/** The timer is untouched. */
	record Unchanged() implements DeadlineChange {
	}

	/** A timer starts (assignment, or a direct reply timed from receipt). */
	record Started(Deadline deadline) implements DeadlineChange {
	}

	/** An extension was granted. */
	record Extended(Deadline deadline, int days) implements DeadlineChange {
	}

	/** The letter went back to the moderator; the next assignment starts a new timer. */
	record Cleared() implements DeadlineChange {
	}

}
