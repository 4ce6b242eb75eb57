package cn.mailbox.moderation.workflow;

/**
 * The answer of {@link LetterStateMachine#decide}: a {@link Transition} to apply, or a
 * {@link Refusal} that changes nothing.
 */
public sealed interface Decision permits Transition, Refusal {

	/** Whether the step may go ahead. */
	default boolean allowed() {
		return this instanceof Transition;
	}

}
