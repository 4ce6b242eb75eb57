package cn.mailbox.moderation.notification;

import java.time.Instant;
import java.util.Optional;

import cn.mailbox.moderation.workflow.ScopeReason;
import cn.mailbox.moderation.workflow.StepListener;
import cn.mailbox.moderation.workflow.Transition;
import cn.mailbox.moderation.workflow.WorkflowAction;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records a notice for every workflow step that matters to the citizen, inside the step's
 * transaction (a {@link StepListener}), and reads them back for the tracking page. A row
 * is {@code pending} when the writer gave an e-mail address and {@code page_only}
 * otherwise; whether mail is configured at all is the sender's business, so the page
 * shows the same notices either way.
 */
@Component
public class CitizenNotices implements StepListener {

	private final DatabaseClient db;

	CitizenNotices(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Void> afterStep(long letterId, String trackingNumber, Transition transition) {
		return noticeOf(transition).map((notice) -> record(letterId, notice, transition.at())).orElse(Mono.empty());
	}

	/** The notices of one letter, oldest first, with unit names resolved. */
	public Flux<CitizenNotice> forLetter(long letterId) {
		return this.db.sql("""
				select n.kind, n.reason, coalesce(u.name, n.unit) as unit_name, n.created_at, n.status
				from citizen_notifications n left join units u on u.code = n.unit
				where n.letter_id = :id order by n.id""").bind("id", letterId).map(CitizenNotices::toNotice).all();
	}

	static CitizenNotice toNotice(Readable row) {
		String reason = row.get("reason", String.class);
		return new CitizenNotice(NoticeKind.fromCode(row.get("kind", String.class)).orElseThrow(),
				(reason != null) ? ScopeReason.fromCode(reason).orElse(null) : null, row.get("unit_name", String.class),
				row.get("created_at", Instant.class), CitizenNotice.Delivery.fromCode(row.get("status", String.class)));
	}

	private Mono<Void> record(long letterId, Notice notice, Instant at) {
		var insert = this.db.sql("""
				insert into citizen_notifications (letter_id, kind, reason, unit, created_at, status, next_attempt_at)
				select id, :kind, :reason, :unit, :at,
				       case when nullif(btrim(writer_email), '') is not null then 'pending' else 'page_only' end, :at
				from letters where id = :id""").bind("id", letterId).bind("kind", notice.kind().code()).bind("at", at);
		insert = (notice.reason() != null) ? insert.bind("reason", notice.reason().code())
				: insert.bindNull("reason", String.class);
		insert = (notice.unit() != null) ? insert.bind("unit", notice.unit()) : insert.bindNull("unit", String.class);
		return insert.then();
	}

	/**
	 * Which steps the citizen hears of. The reply is announced when the moderator
	 * approves it (审核), because that is when the citizen can read it.
	 */
	static Optional<Notice> noticeOf(Transition transition) {
		return Optional.ofNullable(switch (transition.action()) {
			case WorkflowAction.Accept accept -> new Notice(NoticeKind.ACCEPTED, null, null);
			case WorkflowAction.Reject reject -> new Notice(NoticeKind.REJECTED, reject.reason(), null);
			case WorkflowAction.Assign assign -> new Notice(NoticeKind.ASSIGNED, null, assign.unit());
			case WorkflowAction.JointAssign joint -> new Notice(NoticeKind.ASSIGNED, null, joint.lead());
			case WorkflowAction.Forward forward -> new Notice(NoticeKind.FORWARDED, null, forward.unit());
			case WorkflowAction.Approve approve -> new Notice(NoticeKind.REPLIED, null, null);
			case WorkflowAction.Disclose disclose -> new Notice(NoticeKind.PUBLISHED, null, null);
			default -> null;
		});
	}

	record Notice(NoticeKind kind, ScopeReason reason, String unit) {
	}

}
