package cn.mailbox.portal.console;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import cn.mailbox.moderation.disclosure.RedactionPreview;
import cn.mailbox.moderation.disclosure.RedactionReview;
import cn.mailbox.moderation.disclosure.RedactionsRejected;
import cn.mailbox.moderation.redaction.RedactionKind;
import cn.mailbox.moderation.workflow.ActionKind;
import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.LetterHandling;
import cn.mailbox.moderation.workflow.StaffLetterView;
import cn.mailbox.moderation.workflow.StaffLetters;
import cn.mailbox.moderation.workflow.WorkflowAction;
import cn.mailbox.moderation.workflow.WorkflowRefused;
import cn.mailbox.portal.staff.StaffActors;
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
import reactor.core.publisher.Mono;

/**
 * The redaction review (脱敏审核) before disclosure: the title, letter and reply with every
 * proposal marked (kind and reason as text, not colour alone), a checkbox per proposal, a
 * text to add, the choice of what to publish and a preview of the public text. Saving
 * stores the reviewed list ({@link RedactionReview}); disclosing saves it and takes the
 * {@code disclose} step, or {@code close} when the moderator publishes neither part.
 */
@Controller
@HtmlPage
class RedactionPages {

	private static final List<String> PUBLISH = List.of("both", "letter", "reply", "neither");

	private final StaffActors actors;

	private final StaffLetters letters;

	private final RedactionReview review;

	private final LetterHandling handling;

	private final Times times;

	RedactionPages(StaffActors actors, StaffLetters letters, RedactionReview review, LetterHandling handling,
			Times times) {
		this.actors = actors;
		this.letters = letters;
		this.review = review;
		this.handling = handling;
		this.times = times;
	}

	@GetMapping("/console/letters/{trackingNumber}/redactions")
	Mono<String> page(@PathVariable String trackingNumber, @RequestParam(required = false) String publish,
			@RequestParam(required = false) String saved, Mono<Principal> principal, Model model,
			ServerWebExchange exchange) {
		return this.actors.of(principal)
			.flatMap((actor) -> this.letters.view(trackingNumber, actor)
				.flatMap((view) -> mayReview(view)
						? render(view, actor, choice(publish, view), model)
							.doOnSuccess((page) -> model.addAttribute("saved", saved != null))
						: Mono.just("redirect:/console/letters/" + trackingNumber)))
			.onErrorResume(LetterHandling.LetterNotKnown.class, (ex) -> notFound(model, exchange));
	}

	@PostMapping("/console/letters/{trackingNumber}/redactions")
	Mono<String> save(@PathVariable String trackingNumber, Mono<Principal> principal, Model model,
			ServerWebExchange exchange) {
		return this.actors.of(principal)
			.zipWith(exchange.getFormData())
			.flatMap((input) -> this.letters.view(trackingNumber, input.getT1())
				.flatMap((view) -> save(view, input.getT1(), input.getT2(), model, exchange)))
			.onErrorResume(LetterHandling.LetterNotKnown.class, (ex) -> notFound(model, exchange));
	}

	private Mono<String> save(StaffLetterView view, Actor actor, MultiValueMap<String, String> form, Model model,
			ServerWebExchange exchange) {
		String publish = choice(form.getFirst("publish"), view);
		String n = view.trackingNumber();
		return Mono.fromSupplier(() -> RedactionForm.reviewed(form, view))
			.flatMap((spans) -> this.review.review(n, actor, spans))
			.then(Mono.defer(() -> "disclose".equals(form.getFirst("intent")) ? disclose(n, actor, publish)
					: Mono.just("redirect:/console/letters/" + n + "/redactions?saved=1&publish=" + publish)))
			.onErrorResume(RedactionForm.Invalid.class, (invalid) -> {
				model.addAttribute("formError", "console.redactions.error." + invalid.code());
				return rerender(view, actor, publish, HttpStatus.BAD_REQUEST, model, exchange);
			})
			.onErrorResume(RedactionsRejected.class, (rejected) -> {
				model.addAttribute("problems", rejected.problems());
				return rerender(view, actor, publish, HttpStatus.BAD_REQUEST, model, exchange);
			})
			.onErrorResume(WorkflowRefused.class, (refused) -> {
				model.addAttribute("refusal", refused.getMessage());
				return rerender(view, actor, publish, HttpStatus.valueOf(refused.kind().httpStatus()), model, exchange);
			});
	}

	/** Neither part published is a close, as the workflow has it. */
	private Mono<String> disclose(String trackingNumber, Actor actor, String publish) {
		WorkflowAction action = "neither".equals(publish)
				? new WorkflowAction.Close("Not published: the moderator chose neither letter nor reply")
				: new WorkflowAction.Disclose(!"reply".equals(publish), !"letter".equals(publish), null);
		return this.handling.perform(trackingNumber, actor, action)
			.thenReturn("redirect:/console/letters/" + trackingNumber + "?done=" + action.kind().code());
	}

	private Mono<String> rerender(StaffLetterView before, Actor actor, String publish, HttpStatus status, Model model,
			ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(status);
		return this.letters.view(before.trackingNumber(), actor).flatMap((view) -> render(view, actor, publish, model));
	}

	private Mono<String> render(StaffLetterView view, Actor actor, String publish, Model model) {
		boolean nothing = "neither".equals(publish) || !view.publicationConsent();
		Mono<Optional<RedactionPreview>> preview = nothing ? Mono.just(Optional.empty())
				: this.review.preview(view.trackingNumber(), actor, !"reply".equals(publish), !"letter".equals(publish))
					.map(Optional::of);
		return preview.map((shown) -> {
			ConsoleLayout.addTo(model, actor, this.times);
			model.addAttribute("letter", view);
			model.addAttribute("publish", publish);
			model.addAttribute("publishChoices", view.publicationConsent() ? PUBLISH : List.of("neither"));
			model.addAttribute("kinds", RedactionKind.values());
			model.addAttribute("preview", shown.orElse(null));
			model.addAttribute("nothingPublished", nothing);
			model.addAttribute("texts", RedactionForm.TARGETS.stream()
				.filter((target) -> RedactionForm.text(view, target) != null)
				.map((target) -> new MarkedText(target,
						RedactionForm.segments(RedactionForm.text(view, target), view.redactionProposals(), target)))
				.toList());
			model.addAttribute("rows",
					view.redactionProposals()
						.stream()
						.map((p) -> new Row(RedactionForm.key(p), p, !"removed".equals(p.status()) || p.writerField()))
						.toList());
			return "console/redactions";
		});
	}

	private Mono<String> notFound(Model model, ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
		model.addAttribute("times", this.times);
		return Mono.just("console/not-found");
	}

	private static boolean mayReview(StaffLetterView view) {
		return view.allowedActions().contains(ActionKind.DISCLOSE.code());
	}

	/** The publish choice: known values only; nothing but "neither" without consent. */
	private static String choice(String publish, StaffLetterView view) {
		if (!view.publicationConsent()) {
			return "neither";
		}
		return (publish != null && PUBLISH.contains(publish)) ? publish : "both";
	}

	/** One of title, letter, reply with its proposals marked. */
	record MarkedText(String target, List<RedactionForm.Segment> segments) {
	}

	/** One proposal as a checkbox row. */
	record Row(String key, StaffLetterView.RedactionProposal proposal, boolean checked) {
	}

}
