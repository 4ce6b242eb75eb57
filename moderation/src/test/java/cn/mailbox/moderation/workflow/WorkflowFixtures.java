package cn.mailbox.moderation.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import cn.mailbox.moderation.calendar.DeadlinePolicy;
import cn.mailbox.moderation.calendar.Deadlines;
import cn.mailbox.moderation.calendar.WorkingDayCalendar;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.moderation.workflow.WorkflowAction.Accept;
import cn.mailbox.moderation.workflow.WorkflowAction.Approve;
import cn.mailbox.moderation.workflow.WorkflowAction.Assign;
import cn.mailbox.moderation.workflow.WorkflowAction.Close;
import cn.mailbox.moderation.workflow.WorkflowAction.ConfirmSpam;
import cn.mailbox.moderation.workflow.WorkflowAction.Defer;
import cn.mailbox.moderation.workflow.WorkflowAction.DenyExtension;
import cn.mailbox.moderation.workflow.WorkflowAction.DirectReply;
import cn.mailbox.moderation.workflow.WorkflowAction.Disclose;
import cn.mailbox.moderation.workflow.WorkflowAction.Escalate;
import cn.mailbox.moderation.workflow.WorkflowAction.Forward;
import cn.mailbox.moderation.workflow.WorkflowAction.GrantExtension;
import cn.mailbox.moderation.workflow.WorkflowAction.Instruct;
import cn.mailbox.moderation.workflow.WorkflowAction.Investigate;
import cn.mailbox.moderation.workflow.WorkflowAction.Keep;
import cn.mailbox.moderation.workflow.WorkflowAction.Merge;
import cn.mailbox.moderation.workflow.WorkflowAction.Reject;
import cn.mailbox.moderation.workflow.WorkflowAction.RejectReply;
import cn.mailbox.moderation.workflow.WorkflowAction.Release;
import cn.mailbox.moderation.workflow.WorkflowAction.Remind;
import cn.mailbox.moderation.workflow.WorkflowAction.Reopen;
import cn.mailbox.moderation.workflow.WorkflowAction.Reply;
import cn.mailbox.moderation.workflow.WorkflowAction.ReportUp;
import cn.mailbox.moderation.workflow.WorkflowAction.RequestExtension;
import cn.mailbox.moderation.workflow.WorkflowAction.ReturnLetter;
import cn.mailbox.moderation.workflow.WorkflowAction.Sign;
import cn.mailbox.moderation.workflow.WorkflowAction.Withdraw;

import static java.util.Map.entry;

/**
 * Actors, clocks and one sample action per step, shared by the workflow tests.
 */
final class WorkflowFixtures {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.bundled();

	/** Friday 2024-03-08, 10:00 in Shanghai: no holiday for weeks. */
	static final Instant FRIDAY = at("2024-03-08T10:00");

	static final Actor MODERATOR = Actor.mayorsModerator("mod");

	static final Actor WATER = Actor.unitOfficer("wang", "water");

	static final Actor POWER = Actor.unitOfficer("li", "power");

	static final Actor LEADER = Actor.leader("boss");

	static final Map<ActionKind, WorkflowAction> SAMPLES = Map.ofEntries(entry(ActionKind.ACCEPT, new Accept(null)),
			entry(ActionKind.REJECT, new Reject(ScopeReason.ADVERTISING, null)), entry(ActionKind.KEEP, new Keep(null)),
			entry(ActionKind.DEFER, new Defer(null)), entry(ActionKind.RELEASE, new Release(null)),
			entry(ActionKind.CONFIRM_SPAM, new ConfirmSpam(null)),
			entry(ActionKind.MERGE, new Merge("2024-000001", null)),
			entry(ActionKind.DIRECT_REPLY, new DirectReply("The office opens at 9.")),
			entry(ActionKind.ASSIGN, new Assign("water", "Please check the pipe.", null)),
			entry(ActionKind.FORWARD, new Forward("water", null)), entry(ActionKind.ESCALATE, new Escalate(null, null)),
			entry(ActionKind.INSTRUCT, new Instruct("Water bureau to fix within the week.")),
			entry(ActionKind.INVESTIGATE, new Investigate(null)),
			entry(ActionKind.REPORT_UP, new ReportUp("Concerns two districts.")),
			entry(ActionKind.SIGN, new Sign(null)), entry(ActionKind.RETURN, new ReturnLetter("Gas, not water.")),
			entry(ActionKind.REQUEST_EXTENSION, new RequestExtension(2, "Parts on order.")),
			entry(ActionKind.GRANT_EXTENSION, new GrantExtension(null, null)),
			entry(ActionKind.DENY_EXTENSION, new DenyExtension("Not needed.")),
			entry(ActionKind.REPLY, new Reply("Fixed on Monday.", false, null)),
			entry(ActionKind.REMIND, new Remind(null)),
			entry(ActionKind.REJECT_REPLY, new RejectReply("Does not answer the question.")),
			entry(ActionKind.APPROVE, new Approve(null)), entry(ActionKind.DISCLOSE, new Disclose(true, true, null)),
			entry(ActionKind.WITHDRAW, new Withdraw("Privacy request.")),
			entry(ActionKind.REOPEN, new Reopen("Citizen dissatisfied.")), entry(ActionKind.CLOSE, new Close(null)));

	private WorkflowFixtures() {
	}

	static Instant at(String shanghaiLocalDateTime) {
		return LocalDateTime.parse(shanghaiLocalDateTime).atZone(SHANGHAI).toInstant();
	}

	static Deadlines deadlinesAt(Instant now) {
		return new Deadlines(CALENDAR, DeadlinePolicy.defaults(), Clock.fixed(now, SHANGHAI));
	}

	static LetterStateMachine machineAt(Instant now) {
		return new LetterStateMachine(deadlinesAt(now));
	}

	static LetterFacts newComplaint() {
		return LetterFacts.received(Nature.COMPLAINT, null, at("2024-03-07T20:00"), true, true);
	}

}
