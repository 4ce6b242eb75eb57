package cn.mailbox.portal.console;

import java.time.LocalDate;
import java.util.Set;

import cn.mailbox.moderation.workflow.ActionKind;
import cn.mailbox.moderation.workflow.ScopeReason;
import cn.mailbox.moderation.workflow.WorkflowAction;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ActionFormTests {

	@Test
	void offersTheAllowedStepsInWorkflowOrder() {
		assertThat(ActionForm.allowed(Set.of("reject", "accept", "merge", "nonsense"))).extracting(ActionForm::code)
			.containsExactly("accept", "reject", "merge");
	}

	@Test
	void everyStepHasAFormWhoseInputsMapBack() {
		for (ActionKind kind : ActionKind.values()) {
			assertThat(ActionForm.of(kind).code()).isEqualTo(kind.code());
		}
		assertThat(ActionForm.of(ActionKind.REJECT).has("scope_reason")).isTrue();
		assertThat(ActionForm.of(ActionKind.ASSIGN).has("unit")).isTrue();
		assertThat(ActionForm.of(ActionKind.ACCEPT).has("unit")).isFalse();
	}

	@Test
	void readsARejectionWithItsScopeReason() {
		WorkflowAction action = ActionForm.toAction(form("action", "reject", "scopeReason", "court", "comment", " "));
		assertThat(action).isEqualTo(new WorkflowAction.Reject(ScopeReason.COURT, null));
	}

	@Test
	void treatsEmptyInputsAsNotGiven() {
		assertThat(ActionForm.toAction(form("action", "assign", "unit", "water", "instructions", "", "limitDays", "")))
			.isEqualTo(new WorkflowAction.Assign("water", null, null));
	}

	@Test
	void readsCheckboxesAndDates() {
		assertThat(ActionForm
			.toAction(form("action", "reply", "text", "已处理", "interim", "true", "committedDate", "2030-01-15")))
			.isEqualTo(new WorkflowAction.Reply("已处理", true, LocalDate.of(2030, 1, 15)));
		assertThat(ActionForm.toAction(form("action", "disclose", "discloseReply", "true")))
			.isEqualTo(new WorkflowAction.Disclose(false, true, null));
	}

	@Test
	void refusesUnknownStepsAndMalformedFields() {
		assertThatIllegalArgumentException().isThrownBy(() -> ActionForm.toAction(form("action", "fly")));
		assertThatIllegalArgumentException().isThrownBy(() -> ActionForm.toAction(form("action", "reject")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ActionForm.toAction(form("action", "request_extension", "days", "three")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ActionForm.toAction(form("action", "reply", "text", "x", "committedDate", "soon")));
	}

	private static MultiValueMap<String, String> form(String... pairs) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			form.add(pairs[i], pairs[i + 1]);
		}
		return form;
	}

}
