package cn.mailbox.moderation.disclosure;

import java.util.List;

import cn.mailbox.moderation.workflow.ActionKind;
import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.Refusal;
import cn.mailbox.moderation.workflow.StaffLetterView;
import cn.mailbox.moderation.workflow.StaffLetterView.RedactionProposal;
import cn.mailbox.moderation.workflow.StaffLetters;
import cn.mailbox.moderation.workflow.WorkflowRefused;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The moderator's review of redaction proposals (脱敏审核): the full reviewed list replaces
 * the accepted set, and a preview shows the public text before disclosure. Only staff who
 * may disclose the letter now (a moderator reaching it, the reply approved) may review;
 * everyone who sees the letter sees the proposals in the staff view.
 */
@Component
public class RedactionReview {

	private final DatabaseClient db;

	private final RedactionProposals proposals;

	private final StaffLetters letters;

	private final TransactionalOperator transaction;

	RedactionReview(DatabaseClient db, RedactionProposals proposals, StaffLetters letters,
			TransactionalOperator transaction) {
		this.db = db;
		this.proposals = proposals;
		this.letters = letters;
		this.transaction = transaction;
	}

	/**
	 * Stores the moderator's reviewed list as the letter's redactions: the list replaces
	 * the accepted set (api.md: the full reviewed list, not a diff).
	 * @throws RedactionsRejected (as an error signal) when a span lies outside its text,
	 * overlaps another or has an unknown kind or target; nothing is stored then
	 */
	public Mono<List<RedactionProposal>> review(String trackingNumber, Actor actor, List<ReviewedSpan> reviewed) {
		return mayReview(trackingNumber, actor).flatMap((id) -> this.proposals.review(id, actor.username(), reviewed))
			.then(this.letters.view(trackingNumber, actor))
			.map(StaffLetterView::redactionProposals)
			.as(this.transaction::transactional);
	}

	/**
	 * The public texts as disclosure would publish them now, for the moderator's last
	 * look.
	 * @param letter whether the letter would be published (only with the writer's
	 * consent)
	 * @param reply whether the reply would be published
	 */
	public Mono<RedactionPreview> preview(String trackingNumber, Actor actor, boolean letter, boolean reply) {
		return this.letters.view(trackingNumber, actor)
			.flatMap((view) -> idOf(trackingNumber)
				.flatMap((id) -> this.proposals.redacted(id, letter && view.publicationConsent(), reply)));
	}

	private Mono<Long> mayReview(String trackingNumber, Actor actor) {
		return this.letters.view(trackingNumber, actor)
			.filter((view) -> view.allowedActions().contains(ActionKind.DISCLOSE.code()))
			.switchIfEmpty(Mono.error(() -> new WorkflowRefused(Refusal.Kind.NOT_ALLOWED_IN_STATE,
					"Redactions are reviewed by a moderator between the reply's approval and disclosure")))
			.then(idOf(trackingNumber));
	}

	private Mono<Long> idOf(String trackingNumber) {
		return this.db.sql("select id from letters where tracking_number = :n")
			.bind("n", trackingNumber)
			.map((row) -> row.get("id", Long.class))
			// Only called once the staff view has found the letter.
			.one();
	}

}
