package cn.mailbox.portal.staff;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import cn.mailbox.moderation.disclosure.RedactionPreview;
import cn.mailbox.moderation.disclosure.RedactionReview;
import cn.mailbox.moderation.disclosure.ReviewedSpan;
import cn.mailbox.moderation.routing.RoutingSuggestions;
import cn.mailbox.moderation.routing.SuggestedUnit;
import cn.mailbox.moderation.workflow.LetterHandling;
import cn.mailbox.moderation.workflow.StaffLetterSummary;
import cn.mailbox.moderation.workflow.StaffLetterView;
import cn.mailbox.moderation.workflow.StaffLetters;
import cn.mailbox.moderation.workflow.Transition;
import cn.mailbox.moderation.workflow.WorkflowAction;
import cn.mailbox.portal.screening.SpamScreen;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Staff")
class StaffLettersApi {

	/** 50 million letters: beyond it an offset would overflow an int. */
	static final int MAX_PAGE = 1_000_000;

	private final StaffActors actors;

	private final StaffLetters letters;

	private final LetterHandling handling;

	private final SpamScreen spamScreen;

	private final RedactionReview review;

	private final RoutingSuggestions routing;

	StaffLettersApi(StaffActors actors, StaffLetters letters, LetterHandling handling, SpamScreen spamScreen,
			RedactionReview review, RoutingSuggestions routing) {
		this.review = review;
		this.actors = actors;
		this.letters = letters;
		this.handling = handling;
		this.spamScreen = spamScreen;
		this.routing = routing;
	}

	@GetMapping(path = "/api/v1/staff/letters", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A work queue", description = "state: a state code or 'overdue'; oldest first, 50 a page")
	Mono<Queue> queue(@RequestParam(required = false) String state, @RequestParam(required = false) String mailbox,
			@RequestParam(required = false) String unit, @RequestParam(defaultValue = "1") int page,
			Mono<Principal> principal) {
		// page=0x7fffffff parses (hex) and its offset overflowed to a negative OFFSET:
		// 500.
		int current = Math.min(Math.max(page, 1), MAX_PAGE);
		return this.actors.of(principal)
			.flatMap((actor) -> this.letters.queue(actor, state, mailbox, unit, current)
				.collectList()
				.zipWith(this.letters.counts(actor), (items, counts) -> new Queue(current, items, counts)));
	}

	@GetMapping(path = "/api/v1/staff/letters/{trackingNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "One letter with private fields, timer, audit trail and the steps allowed now",
			description = "suggestedUnits: up to 3 units similar past letters were assigned to, best first")
	Mono<StaffLetter> letter(@PathVariable String trackingNumber, Mono<Principal> principal) {
		return this.actors.of(principal)
			.flatMap((actor) -> this.letters.view(trackingNumber, actor))
			.flatMap((view) -> this.routing.suggest(view.trackingNumber(), view.title(), view.body())
				.onErrorReturn(List.of())
				.map((units) -> new StaffLetter(view, units)));
	}

	@PostMapping(path = "/api/v1/staff/letters/{trackingNumber}/actions", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "One workflow step",
			description = "409 when not allowed in the letter's state, 403 for this role or unit; nothing changes then")
	Mono<Object> act(@PathVariable String trackingNumber, @RequestBody ActionRequest request,
			Mono<Principal> principal) {
		return this.actors.of(principal)
			.flatMap((actor) -> this.letters.view(trackingNumber, actor)
				.then(Mono.fromSupplier(request::toAction))
				.flatMap((action) -> this.handling.perform(trackingNumber, actor, action))
				.flatMap((done) -> this.letters.view(trackingNumber, actor)
					.doOnNext((view) -> learn(done, view))
					.flatMap((view) -> route(done, view).thenReturn(view))
					.<Object>map((view) -> view)
					// A unit that returned a letter no longer sees it: answer with the
					// step alone.
					.onErrorResume(LetterHandling.LetterNotKnown.class, (gone) -> Mono
						.just(new StepDone(trackingNumber, done.event(), done.from().code(), done.to().code())))));
	}

	@PutMapping(path = "/api/v1/staff/letters/{trackingNumber}/redactions", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The reviewed redaction list",
			description = "The full list: proposals in it are accepted, the others removed, new spans added. "
					+ "400 with field errors for spans outside their text, overlapping or of an unknown kind; "
					+ "409 unless the reply is approved and the letter not yet disclosed")
	Mono<Reviewed> review(@PathVariable String trackingNumber, @RequestBody ReviewRequest request,
			Mono<Principal> principal) {
		return this.actors.of(principal)
			.flatMap((actor) -> this.review.review(trackingNumber, actor,
					(request.redactions() != null) ? request.redactions() : List.of()))
			.map(Reviewed::new);
	}

	@GetMapping(path = "/api/v1/staff/letters/{trackingNumber}/redactions/preview",
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The public text as disclose would publish it now",
			description = "publish: letter, reply or both (default); the letter only with the writer's consent")
	Mono<RedactionPreview> preview(@PathVariable String trackingNumber,
			@RequestParam(defaultValue = "both") String publish, Mono<Principal> principal) {
		if (!List.of("letter", "reply", "both").contains(publish)) {
			return Mono.error(new IllegalArgumentException("publish is letter, reply or both, not '" + publish + "'"));
		}
		return this.actors.of(principal)
			.flatMap((actor) -> this.review.preview(trackingNumber, actor, !"reply".equals(publish),
					!"letter".equals(publish)));
	}

	/**
	 * A moderator's confirm or release is the best spam label there is: the classifier
	 * learns it.
	 */
	private void learn(Transition done, StaffLetterView view) {
		if (done.action() instanceof WorkflowAction.ConfirmSpam || done.action() instanceof WorkflowAction.Release) {
			this.spamScreen.learn(view.title(), view.body(), done.action() instanceof WorkflowAction.ConfirmSpam);
		}
	}

	/**
	 * An assignment is a routing label: the suggestions learn where this letter went. A
	 * failure here never fails the step.
	 */
	private Mono<Void> route(Transition done, StaffLetterView view) {
		if (done.action() instanceof WorkflowAction.Assign || done.action() instanceof WorkflowAction.JointAssign
				|| done.action() instanceof WorkflowAction.Forward) {
			return this.routing.learn(view.trackingNumber(), view.title(), view.body(), view.units())
				.onErrorResume((ex) -> Mono.empty());
		}
		return Mono.empty();
	}

	/**
	 * The staff view of a letter plus the suggested routing, in one JSON object.
	 */
	record StaffLetter(@JsonUnwrapped StaffLetterView letter, List<SuggestedUnit> suggestedUnits) {
	}

	/** The answer to a step after which the actor can no longer see the letter. */
	record StepDone(String trackingNumber, String event, String fromState, String state) {
	}

	/** The body of the review: the full list of spans to redact. */
	record ReviewRequest(List<ReviewedSpan> redactions) {
	}

	record Reviewed(List<StaffLetterView.RedactionProposal> redactionProposals) {
	}

	record Queue(int page, List<StaffLetterSummary> items, Map<String, Long> counts) {
	}

}
