package cn.mailbox.portal.console;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import cn.mailbox.moderation.routing.RoutingSuggestions;
import cn.mailbox.moderation.routing.SuggestedUnit;
import cn.mailbox.moderation.workflow.ActionKind;
import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.LetterHandling;
import cn.mailbox.moderation.workflow.Role;
import cn.mailbox.moderation.workflow.ScopeReason;
import cn.mailbox.moderation.workflow.StaffLetterSummary;
import cn.mailbox.moderation.workflow.StaffLetterView;
import cn.mailbox.moderation.workflow.StaffLetters;
import cn.mailbox.portal.staff.StaffActors;
import cn.mailbox.moderation.workflow.Transition;
import cn.mailbox.moderation.workflow.WorkflowAction;
import cn.mailbox.moderation.workflow.WorkflowRefused;
import cn.mailbox.portal.screening.SpamScreen;
import cn.mailbox.portal.web.HtmlPage;
import cn.mailbox.portal.web.Times;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The staff console: work queues with counts, one letter with everything staff may see
 * and only the steps allowed now, the leader's escalated letters, and printable slips.
 * Plain server-rendered forms; every step goes through {@link LetterHandling#perform}
 * like the staff API's, so the state machine alone decides what is allowed.
 */
@Controller
@HtmlPage
class ConsolePages {

	/** 50 million letters: beyond it an offset would overflow an int. */
	static final int MAX_PAGE = 1_000_000;

	/**
	 * The queues in the order a moderator works them; the first five are always listed,
	 * the others when they hold letters.
	 */
	private static final List<String> QUEUES = List.of("received", "quarantined", "duplicates", "replied", "overdue",
			"accepted", "assigned", "in_progress", "escalated", "investigating", "deferred", "approved");

	private static final int ALWAYS_LISTED = 5;

	private static final Set<String> SLIPS = Set.of("handling", "assignment", "reminder");

	private final StaffActors actors;

	private final ConsoleQueries queries;

	private final StaffLetters letters;

	private final LetterHandling handling;

	private final SpamScreen spamScreen;

	private final Times times;

	private final RoutingSuggestions routing;

	ConsolePages(StaffActors actors, ConsoleQueries queries, StaffLetters letters, LetterHandling handling,
			SpamScreen spamScreen, Times times, RoutingSuggestions routing) {
		this.routing = routing;
		this.actors = actors;
		this.queries = queries;
		this.letters = letters;
		this.handling = handling;
		this.spamScreen = spamScreen;
		this.times = times;
	}

	@GetMapping("/login")
	String login(ServerWebExchange exchange) {
		exchange.getResponse().getHeaders().setCacheControl("no-store");
		return "console/login";
	}

	@GetMapping("/console")
	Mono<String> queue(@RequestParam(required = false) String queue, @RequestParam(defaultValue = "1") int page,
			@RequestParam(required = false) String done, Mono<Principal> principal, Model model) {
		return this.actors.of(principal).flatMap((actor) -> {
			String chosen = (queue != null && QUEUES.contains(queue)) ? queue : defaultQueue(actor);
			// page=0x7fffffff parses (hex) and its offset overflowed to a negative
			// OFFSET.
			int current = Math.min(Math.max(page, 1), MAX_PAGE);
			Flux<StaffLetterSummary> items = "duplicates".equals(chosen) ? this.queries.duplicates(actor, current)
					: this.letters.queue(actor, chosen, null, null, current);
			return Mono.zip(items.collectList(), queues(actor), this.queries.units()).map((found) -> {
				common(model, actor);
				model.addAttribute("queue", chosen);
				model.addAttribute("page", current);
				model.addAttribute("items", found.getT1());
				model.addAttribute("more", found.getT1().size() == StaffLetters.PAGE_SIZE);
				model.addAttribute("queues", found.getT2());
				model.addAttribute("units", found.getT3());
				model.addAttribute("done", knownAction(done));
				return "console/queue";
			});
		});
	}

	@GetMapping("/console/letters/{trackingNumber}")
	Mono<String> letter(@PathVariable String trackingNumber, @RequestParam(required = false) String done,
			Mono<Principal> principal, Model model, ServerWebExchange exchange) {
		return this.actors.of(principal).flatMap((actor) -> this.letters.view(trackingNumber, actor).flatMap((view) -> {
			model.addAttribute("done", knownAction(done));
			return letterPage(view, actor, model);
		})).onErrorResume(LetterHandling.LetterNotKnown.class, (ex) -> notFound(model, exchange));
	}

	@PostMapping("/console/letters/{trackingNumber}/actions")
	Mono<String> act(@PathVariable String trackingNumber, Mono<Principal> principal, Model model,
			ServerWebExchange exchange) {
		return this.actors.of(principal)
			.zipWith(exchange.getFormData())
			.flatMap((input) -> perform(trackingNumber, input.getT1(), input.getT2(), model, exchange))
			.onErrorResume(LetterHandling.LetterNotKnown.class, (ex) -> notFound(model, exchange));
	}

	@GetMapping("/console/leader")
	Mono<String> leader(@RequestParam(required = false) String done, Mono<Principal> principal, Model model) {
		return this.actors.of(principal)
			.flatMap((actor) -> Flux
				.concat(this.letters.queue(actor, "escalated", null, null, 1),
						this.letters.queue(actor, "investigating", null, null, 1))
				.concatMap((summary) -> this.letters.view(summary.trackingNumber(), actor)
					.onErrorResume(LetterHandling.LetterNotKnown.class, (gone) -> Mono.empty()))
				.collectList()
				.map((views) -> {
					common(model, actor);
					model.addAttribute("letters", views);
					model.addAttribute("done", knownAction(done));
					return "console/leader";
				}));
	}

	@GetMapping("/console/letters/{trackingNumber}/slip/{kind}")
	Mono<String> slip(@PathVariable String trackingNumber, @PathVariable String kind, Mono<Principal> principal,
			Model model, ServerWebExchange exchange) {
		if (!SLIPS.contains(kind)) {
			return notFound(model, exchange);
		}
		return this.actors.of(principal)
			.flatMap((actor) -> this.letters.view(trackingNumber, actor)
				.zipWith(this.queries.units())
				.flatMap((found) -> {
					StaffLetterView view = found.getT1();
					if (!slipApplies(kind, view)) {
						return notFound(model, exchange);
					}
					common(model, actor);
					model.addAttribute("kind", kind);
					model.addAttribute("letter", view);
					model.addAttribute("unitNames", found.getT2());
					model.addAttribute("instructions", lastComment(view, "assign"));
					return Mono.just("console/slip");
				}))
			.onErrorResume(LetterHandling.LetterNotKnown.class, (ex) -> notFound(model, exchange));
	}

	private Mono<String> perform(String trackingNumber, Actor actor, MultiValueMap<String, String> form, Model model,
			ServerWebExchange exchange) {
		model.addAttribute("attempted", form.getFirst("action"));
		return this.letters.view(trackingNumber, actor)
			.flatMap((before) -> Mono.fromSupplier(() -> ActionForm.toAction(form))
				.flatMap((action) -> this.handling.perform(trackingNumber, actor, action))
				.flatMap((done) -> afterStep(trackingNumber, actor, done, form))
				.onErrorResume(WorkflowRefused.class,
						(refused) -> refused(before, actor, refused.kind().httpStatus(), refused.getMessage(), model,
								exchange))
				.onErrorResume(IllegalArgumentException.class, (invalid) -> refused(before, actor,
						HttpStatus.BAD_REQUEST.value(), invalid.getMessage(), model, exchange)));
	}

	/**
	 * Back to the letter with a note of what was done; to the queue when the step took
	 * the letter out of this person's sight (a unit returning it, say).
	 */
	private Mono<String> afterStep(String trackingNumber, Actor actor, Transition done,
			MultiValueMap<String, String> form) {
		String code = done.action().kind().code();
		String back = "leader".equals(form.getFirst("from")) ? "redirect:/console/leader?done=" + code
				: "redirect:/console/letters/" + trackingNumber + "?done=" + code;
		return this.letters.view(trackingNumber, actor)
			.doOnNext((view) -> learn(done, view))
			.flatMap((view) -> route(done, view))
			.thenReturn(back)
			.onErrorResume(LetterHandling.LetterNotKnown.class, (gone) -> Mono.just("redirect:/console?done=" + code));
	}

	/**
	 * A moderator's confirm or release is the best spam label there is: the classifier
	 * learns it, as through the staff API.
	 */
	private void learn(Transition done, StaffLetterView view) {
		if (done.action() instanceof WorkflowAction.ConfirmSpam || done.action() instanceof WorkflowAction.Release) {
			this.spamScreen.learn(view.title(), view.body(), done.action() instanceof WorkflowAction.ConfirmSpam);
		}
	}

	/**
	 * An assignment teaches the suggested routing where such letters go, as through the
	 * staff API; a failure here never fails the step.
	 */
	private Mono<Void> route(Transition done, StaffLetterView view) {
		if (done.action() instanceof WorkflowAction.Assign || done.action() instanceof WorkflowAction.JointAssign
				|| done.action() instanceof WorkflowAction.Forward) {
			return this.routing.learn(view.trackingNumber(), view.title(), view.body(), view.units())
				.onErrorResume((ex) -> Mono.empty());
		}
		return Mono.empty();
	}

	private Mono<String> refused(StaffLetterView letter, Actor actor, int status, String message, Model model,
			ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.valueOf(status));
		model.addAttribute("refusal", message);
		return letterPage(letter, actor, model);
	}

	private Mono<String> letterPage(StaffLetterView view, Actor actor, Model model) {
		Mono<List<SuggestedUnit>> suggested = (view.allowedActions().contains(ActionKind.ASSIGN.code())
				|| view.allowedActions().contains(ActionKind.FORWARD.code()))
						? this.routing.suggest(view.trackingNumber(), view.title(), view.body())
							.onErrorReturn(List.of())
						: Mono.just(List.of());
		return Mono.zip(this.queries.units(), this.queries.leaders().collectList(), suggested).map((found) -> {
			common(model, actor);
			model.addAttribute("letter", view);
			model.addAttribute("suggestedUnits", found.getT3());
			model.addAttribute("suggestedUnit", found.getT3().isEmpty() ? null : found.getT3().get(0).unit());
			model.addAttribute("forms", ActionForm.allowed(view.allowedActions()));
			model.addAttribute("unitNames", found.getT1());
			model.addAttribute("leaders", found.getT2());
			model.addAttribute("scopeReasons", Arrays.asList(ScopeReason.values()));
			return "console/letter";
		});
	}

	private Mono<String> notFound(Model model, ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
		model.addAttribute("times", this.times);
		return Mono.just("console/not-found");
	}

	private Mono<List<QueueCount>> queues(Actor actor) {
		return this.letters.counts(actor).zipWith(this.queries.duplicateCount(actor), (counts, duplicates) -> {
			List<QueueCount> queues = new ArrayList<>();
			for (int i = 0; i < QUEUES.size(); i++) {
				String queue = QUEUES.get(i);
				long count = "duplicates".equals(queue) ? duplicates : counts.getOrDefault(queue, 0L);
				if (i < ALWAYS_LISTED || count > 0) {
					queues.add(new QueueCount(queue, count));
				}
			}
			return queues;
		});
	}

	private void common(Model model, Actor actor) {
		ConsoleLayout.addTo(model, actor, this.times);
	}

	private static boolean slipApplies(String kind, StaffLetterView view) {
		return switch (kind) {
			case "assignment" -> view.currentUnit() != null || !view.units().isEmpty();
			case "reminder" -> view.deadline() != null;
			default -> true;
		};
	}

	private static String lastComment(StaffLetterView view, String action) {
		String comment = null;
		for (StaffLetterView.Event event : view.events()) {
			if (action.equals(event.action())) {
				comment = event.comment();
			}
		}
		return comment;
	}

	private static String defaultQueue(Actor actor) {
		if (actor.has(Role.ADMIN) || actor.has(Role.MODERATOR)) {
			return "received";
		}
		return actor.has(Role.UNIT_OFFICER) ? "assigned" : "escalated";
	}

	/** Only a known step's name is echoed back on the page. */
	private static String knownAction(String code) {
		return (code != null) ? ActionKind.fromCode(code).map(ActionKind::code).orElse(null) : null;
	}

	/** A queue and how many letters it holds, for the navigation. */
	record QueueCount(String key, long count) {
	}

}
