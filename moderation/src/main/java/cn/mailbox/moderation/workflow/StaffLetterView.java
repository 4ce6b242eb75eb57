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
		Set<String> allowedActions, List<Event> events, List<RedactionProposal> redactionProposals) {

	public StaffLetterView {
		units = List.copyOf(units);
		allowedActions = Set.copyOf(allowedActions);
		events = List.copyOf(events);
		redactionProposals = List.copyOf(redactionProposals);
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

	/**
	 * One redaction proposal and what the moderator made of it (api.md
	 * {@code redactionProposals}). {@code text} is the private passage itself: staff
	 * only.
	 *
	 * @param target {@code letter}, {@code reply} or {@code title}
	 * @param start first char, inclusive, in the stored text
	 * @param end last char, exclusive
	 * @param kind a {@code RedactionKind} name ({@code NAME}, {@code PHONE}...)
	 * @param text the passage
	 * @param score the detector's confidence; 1 for the writer's own fields and spans a
	 * moderator added
	 * @param explanation why it was proposed
	 * @param status {@code proposed}, {@code accepted}, {@code removed} or {@code added}
	 * @param writerField the writer's own name, phone or e-mail: redacted whatever the
	 * status says
	 */
	public record RedactionProposal(String target, int start, int end, String kind, String text, double score,
			String explanation, String status, boolean writerField) {
	}

}
