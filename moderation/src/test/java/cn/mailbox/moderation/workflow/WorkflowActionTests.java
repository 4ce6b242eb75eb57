package cn.mailbox.moderation.workflow;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import cn.mailbox.moderation.workflow.WorkflowAction.Assign;
import cn.mailbox.moderation.workflow.WorkflowAction.Disclose;
import cn.mailbox.moderation.workflow.WorkflowAction.JointAssign;
import cn.mailbox.moderation.workflow.WorkflowAction.Reject;
import cn.mailbox.moderation.workflow.WorkflowAction.Reply;
import cn.mailbox.moderation.workflow.WorkflowAction.RequestExtension;
import cn.mailbox.moderation.workflow.WorkflowAction.ReturnLetter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkflowActionTests {

	@Test
	void requiresAScopeReasonToReject() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Reject(null, "Because."));
		assertThat(new Reject(ScopeReason.COURT, null).comment()).isEmpty();
	}

	@Test
	void requiresAReasonToReturnALetter() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReturnLetter("  "));
	}

	@Test
	void requiresACommittedDateForAnInterimReplyOnly() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Reply("Soon.", true, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new Reply("Done.", false, LocalDate.of(2024, 4, 1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new Reply(" ", false, null));
	}

	@Test
	void requiresTheLeadAmongAtLeastTwoJointUnits() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JointAssign(List.of("water"), "water", null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JointAssign(List.of("water", "water"), "water", null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JointAssign(List.of("water", "power"), "roads", null, null));
		assertThat(new JointAssign(List.of("water", "power"), "power", null, null).kind()).isEqualTo(ActionKind.ASSIGN);
	}

	@Test
	void refusesLimitsAndExtensionsBelowOneDay() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Assign("water", null, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestExtension(0, "Why not."));
	}

	@Test
	void disclosesSomethingOrNothingIsAClose() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Disclose(false, false, null));
		assertThat(new Disclose(true, false, null).usesCurrentProposals()).isTrue();
		assertThat(new Disclose(true, false, List.of(new RedactionChoice("letter", 3, 14, "phone")))
			.usesCurrentProposals()).isFalse();
		assertThat(new RedactionChoice("title", 0, 1, "phone").target()).isEqualTo("title");
		assertThatIllegalArgumentException().isThrownBy(() -> new RedactionChoice("writer", 0, 1, "phone"));
	}

	@Test
	void everyStepHasTheWireNameOfTheApi() {
		assertThat(ActionKind.RETURN.code()).isEqualTo("return");
		assertThat(ActionKind.fromCode("confirm_spam")).contains(ActionKind.CONFIRM_SPAM);
		assertThat(ActionKind.fromCode("request_extension")).contains(ActionKind.REQUEST_EXTENSION);
	}

	@Test
	void actorsNeedAUnitOrAMailbox() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Actor("wang", Set.of(Role.UNIT_OFFICER), null, false));
		assertThatIllegalArgumentException().isThrownBy(() -> new Actor("mod", Set.of(Role.MODERATOR), null, false));
		assertThatIllegalArgumentException().isThrownBy(() -> new Actor("nobody", Set.of(), null, true));
		assertThat(Role.fromCode("unit_officer")).contains(Role.UNIT_OFFICER);
	}

}
