package cn.mailbox.moderation.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import cn.mailbox.moderation.calendar.DeadlineStatus;

/**
 * Everything staff see of one letter: the private fields, where it stands, its timer, the
 * whole audit trail and the steps this staff member may take now.
 */
public record StaffLetterView(String trackingNumber, String state, String mailbox, String nature, String field,
		String region, String title, String body, Writer writer, boolean publicationConsent, String channel,
		Instant receivedAt, String currentUnit, List<String> units, Instant deadline, DeadlineStatus deadlineStatus,
		String reply, Instant repliedAt, boolean published, boolean restricted, Screening screening,
		Set<String> allowedActions, List<Event> events) {

	public StaffLetterView {
		units = List.copyOf(units);
		allowedActions = Set.copyOf(allowedActions);
		events = List.copyOf(events);
	}

	/** The writer's private details: staff only, never public. */
	public record Writer(String name, String phone, String email, boolean anonymous) {
	}

	/**
	 * What intake screening found (api.md): spam score and reasons, the earliest letter
	 * this one repeats, scope flags. Null for letters that came in before screening
	 * existed.
	 */
	public record Screening(double spamScore, boolean quarantined, List<String> reasons, String duplicateOf,
			Double duplicateSimilarity, Boolean sameSender, List<String> scopeFlags) {
	}

	/** One step of the audit trail. */
	public record Event(Instant at, String actor, String role, String action, String fromState, String toState,
			String unit, String comment) {
	}

}
