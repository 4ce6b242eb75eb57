package cn.mailbox.moderation.workflow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The work queues' SQL asks for a unit's letters in the one form the partial GIN index
 * {@code letters_units_idx} can serve (the portal's {@code UnitsIndexIntegrationTests}
 * checks the plan): containment, and the index's own condition, a non-empty list.
 */
class VisibilityTests {

	@Test
	void asksForAUnitOfficersLettersByContainmentOverAssignedLettersOnly() {
		String condition = Visibility.sqlCondition(Actor.unitOfficer("water-officer", "water"));
		assertThat(condition).contains("assigned_units <> '{}'")
			.contains("assigned_units @> array[cast(:actorUnit as text)]")
			.doesNotContain("any(assigned_units)");
	}

	@Test
	void asksForAUnitFilterTheSameWay() {
		assertThat(Visibility.assignedTo("unit"))
			.isEqualTo("(assigned_units <> '{}' and assigned_units @> array[cast(:unit as text)])");
	}

	@Test
	void leavesTheMayorsMailboxUnfiltered() {
		assertThat(Visibility.sqlCondition(Actor.mayorsModerator("moderator"))).isEqualTo("true");
	}

}
