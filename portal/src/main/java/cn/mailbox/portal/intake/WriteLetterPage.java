package cn.mailbox.portal.intake;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.portal.screening.FormSignals;
import cn.mailbox.portal.web.ClientAddress;
import cn.mailbox.portal.web.FieldMessages;
import cn.mailbox.portal.web.HtmlPage;
import cn.mailbox.portal.web.Times;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The write-a-letter form and its confirmation. The confirmation is rendered as the
 * answer to the POST (not a redirect) because the access code must not travel in a URL or
 * be stored to be shown again; the response is marked no-store so the browser does not
 * keep it either.
 */
@Controller
@HtmlPage
class WriteLetterPage {

	private final SubmitLetter submitLetter;

	private final IntakeSettings settings;

	private final ClientAddress clientAddress;

	private final FieldMessages fieldMessages;

	private final Times times;

	WriteLetterPage(SubmitLetter submitLetter, IntakeSettings settings, ClientAddress clientAddress,
			FieldMessages fieldMessages, Times times) {
		this.submitLetter = submitLetter;
		this.settings = settings;
		this.clientAddress = clientAddress;
		this.fieldMessages = fieldMessages;
		this.times = times;
	}

	@GetMapping("/")
	String home(Model model) {
		return form(model, emptyForm(), Map.of());
	}

	/** Someone following a language link from the confirmation page lands on the form. */
	@GetMapping("/letters")
	String lettersRedirect() {
		return "redirect:/";
	}

	@PostMapping("/letters")
	Mono<String> submit(@ModelAttribute("form") LetterSubmission form,
			@RequestParam(name = "startedAt", required = false) String startedAt, Model model,
			ServerWebExchange exchange) {
		FormSignals signals = new FormSignals(form.website(), fillTime(startedAt));
		var locale = exchange.getLocaleContext().getLocale();
		exchange.getResponse().getHeaders().setCacheControl("no-store");
		return this.submitLetter
			.submit(form, null, this.clientAddress.of(exchange), locale.toLanguageTag(), "web", signals)
			.map((result) -> {
				model.addAttribute("result", result);
				model.addAttribute("receivedAtText", this.times.format(result.receivedAt()));
				return "confirmation";
			})
			.onErrorResume(SubmissionRejected.class, (rejected) -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return Mono.just(form(model, form, this.fieldMessages.byField(rejected.errors(), locale)));
			});
	}

	/** How long the form was open: a person takes seconds, a bot milliseconds. */
	private static Duration fillTime(String startedAt) {
		try {
			long elapsed = System.currentTimeMillis() - Long.parseLong(startedAt);
			return (elapsed >= 0) ? Duration.ofMillis(elapsed) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private String form(Model model, LetterSubmission form, Map<String, String> errors) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("settings", this.settings);
		model.addAttribute("mailboxes", this.settings.mailboxes());
		model.addAttribute("natures", Arrays.stream(Nature.values()).map(Nature::code).toList());
		model.addAttribute("fields", this.settings.fields());
		model.addAttribute("regions", this.settings.regions());
		model.addAttribute("startedAt", System.currentTimeMillis());
		return "home";
	}

	private LetterSubmission emptyForm() {
		return new LetterSubmission(this.settings.mailboxes().get(0), null, null, null, null, null, null, null, null,
				false, false, null);
	}

}
