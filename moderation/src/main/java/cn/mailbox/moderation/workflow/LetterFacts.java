package cn.mailbox.moderation.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import cn.mailbox.moderation.calendar.Deadline;
import cn.mailbox.moderation.letter.LetterState;
import cn.mailbox.moderation.letter.Nature;

/**
 * What the workflow needs to know about a letter to decide a step: its state and the few
 * facts the rules look at. No text, no personal data: the state machine decides on these
 * alone, and a {@link Transition} hands back the facts after the step.
 *
 * @param state where the letter stands
 * @param nature the letter's nature (limits, identity rule)
 * @param mailboxUnit the unit owning the mailbox the letter is in; {@code null} for the
 * mayor's mailbox
 * @param receivedAt when it was received (a direct reply is timed from it)
 * @param identified whether it carries a real name and a contact (complaints and reports
 * need both)
 * @param publicationConsent whether the citizen agreed to publication (是否同意公开)
 * @param assignedUnits units handling it, in assignment order; empty unless assigned
 * @param leadUnit the unit that replies (the only one, or the lead of a joint handling)
 * @param signedUnits the assigned units that signed for it
 * @param escalatedTo the leader it was escalated to, or {@code null} for any leader
 * @param leaderInstructed whether a leader's instruction (批示) governs it (10-day rule)
 * @param restricted an investigation (查办): restricted to its handlers, never published
 * @param pendingExtension a unit's request for more time, or {@code null}
 * @param committedDate the date promised in an interim reply (承诺件), or {@code null}
 * @param deadline the running handling deadline, or {@code null}
 * @param published whether it is in the public archive now (visibility, apart from state)
 * @param dissatisfiedFeedback whether the citizen rated the reply dissatisfied and no
 * review has reopened it yet
 */
public record LetterFacts(LetterState state, Nature nature, String mailboxUnit, Instant receivedAt, boolean identified,
		boolean publicationConsent, List<String> assignedUnits, String leadUnit, Set<String> signedUnits,
		String escalatedTo, boolean leaderInstructed, boolean restricted, ExtensionRequest pendingExtension,
		LocalDate committedDate, Deadline deadline, boolean published, boolean dissatisfiedFeedback) {

	public LetterFacts {
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(nature, "nature");
		Objects.requireNonNull(receivedAt, "receivedAt");
		mailboxUnit = blankToNull(mailboxUnit);
		assignedUnits = List.copyOf(new LinkedHashSet<>((assignedUnits != null) ? assignedUnits : List.of()));
		signedUnits = Set.copyOf((signedUnits != null) ? signedUnits : Set.of());
		leadUnit = blankToNull(leadUnit);
		escalatedTo = blankToNull(escalatedTo);
		if (assignedUnits.isEmpty() != (leadUnit == null)) {
			throw new IllegalArgumentException(
					"Assigned units and a lead unit go together: " + assignedUnits + " / " + leadUnit);
		}
		if (leadUnit != null && !assignedUnits.contains(leadUnit)) {
			throw new IllegalArgumentException("The lead unit " + leadUnit + " is not among " + assignedUnits);
		}
		if (!assignedUnits.containsAll(signedUnits)) {
			throw new IllegalArgumentException("Signed " + signedUnits + " but assigned " + assignedUnits);
		}
		if ((state == LetterState.ASSIGNED || state == LetterState.IN_PROGRESS) && assignedUnits.isEmpty()) {
			throw new IllegalArgumentException("An " + state.code() + " letter has a unit");
		}
		if (state == LetterState.PUBLISHED && !published) {
			throw new IllegalArgumentException("A published letter is public");
		}
	}

	/**
	 * A new letter waiting for a moderator.
	 * @param nature its nature
	 * @param mailboxUnit the unit mailbox chosen, or {@code null} for the mayor's mailbox
	 * @param receivedAt when it was received
	 * @param identified whether it carries a real name and a contact
	 * @param publicationConsent whether the citizen agreed to publication
	 * @return the facts in {@link LetterState#RECEIVED}
	 */
	public static LetterFacts received(Nature nature, String mailboxUnit, Instant receivedAt, boolean identified,
			boolean publicationConsent) {
		return new LetterFacts(LetterState.RECEIVED, nature, mailboxUnit, receivedAt, identified, publicationConsent,
				List.of(), null, Set.of(), null, false, false, null, null, null, false, false);
	}

	/** Whether an interim reply promised a final one. */
	public boolean interimReplyGiven() {
		return this.committedDate != null;
	}

	/** Whether the letter is in the mayor's mailbox (rather than a unit's). */
	public boolean inMayorsMailbox() {
		return this.mailboxUnit == null;
	}

	/** Whether several units handle it jointly (会签). */
	public boolean jointlyHandled() {
		return this.assignedUnits.size() > 1;
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	public LetterFacts withState(LetterState state) {
		return toBuilder().state(state).build();
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	/**
	 * Changes a few facts at a time, e.g. when loading a letter or in a test.
	 */
	public static final class Builder {

		private LetterState state;

		private Nature nature;

		private String mailboxUnit;

		private Instant receivedAt;

		private boolean identified;

		private boolean publicationConsent;

		private List<String> assignedUnits;

		private String leadUnit;

		private Set<String> signedUnits;

		private String escalatedTo;

		private boolean leaderInstructed;

		private boolean restricted;

		private ExtensionRequest pendingExtension;

		private LocalDate committedDate;

		private Deadline deadline;

		private boolean published;

		private boolean dissatisfiedFeedback;

		private Builder(LetterFacts facts) {
			this.state = facts.state;
			this.nature = facts.nature;
			this.mailboxUnit = facts.mailboxUnit;
			this.receivedAt = facts.receivedAt;
			this.identified = facts.identified;
			this.publicationConsent = facts.publicationConsent;
			this.assignedUnits = facts.assignedUnits;
			this.leadUnit = facts.leadUnit;
			this.signedUnits = facts.signedUnits;
			this.escalatedTo = facts.escalatedTo;
			this.leaderInstructed = facts.leaderInstructed;
			this.restricted = facts.restricted;
			this.pendingExtension = facts.pendingExtension;
			this.committedDate = facts.committedDate;
			this.deadline = facts.deadline;
			this.published = facts.published;
			this.dissatisfiedFeedback = facts.dissatisfiedFeedback;
		}

		public Builder state(LetterState state) {
			this.state = state;
			return this;
		}

		public Builder nature(Nature nature) {
			this.nature = nature;
			return this;
		}

		public Builder mailboxUnit(String mailboxUnit) {
			this.mailboxUnit = mailboxUnit;
			return this;
		}

		public Builder receivedAt(Instant receivedAt) {
			this.receivedAt = receivedAt;
			return this;
		}

		public Builder identified(boolean identified) {
			this.identified = identified;
			return this;
		}

		public Builder publicationConsent(boolean publicationConsent) {
			this.publicationConsent = publicationConsent;
			return this;
		}

		/**
		 * Sets the units and the lead together; no units and a {@code null} lead clear
		 * them.
		 */
		public Builder assignment(List<String> units, String lead) {
			this.assignedUnits = units;
			this.leadUnit = lead;
			return this;
		}

		public Builder signedUnits(Set<String> signedUnits) {
			this.signedUnits = signedUnits;
			return this;
		}

		public Builder escalatedTo(String escalatedTo) {
			this.escalatedTo = escalatedTo;
			return this;
		}

		public Builder leaderInstructed(boolean leaderInstructed) {
			this.leaderInstructed = leaderInstructed;
			return this;
		}

		public Builder restricted(boolean restricted) {
			this.restricted = restricted;
			return this;
		}

		public Builder pendingExtension(ExtensionRequest pendingExtension) {
			this.pendingExtension = pendingExtension;
			return this;
		}

		public Builder committedDate(LocalDate committedDate) {
			this.committedDate = committedDate;
			return this;
		}

		public Builder deadline(Deadline deadline) {
			this.deadline = deadline;
			return this;
		}

		public Builder published(boolean published) {
			this.published = published;
			return this;
		}

		public Builder dissatisfiedFeedback(boolean dissatisfiedFeedback) {
			this.dissatisfiedFeedback = dissatisfiedFeedback;
			return this;
		}

		public LetterFacts build() {
			return new LetterFacts(this.state, this.nature, this.mailboxUnit, this.receivedAt, this.identified,
					this.publicationConsent, this.assignedUnits, this.leadUnit, this.signedUnits, this.escalatedTo,
					this.leaderInstructed, this.restricted, this.pendingExtension, this.committedDate, this.deadline,
					this.published, this.dissatisfiedFeedback);
		}

	}

}
