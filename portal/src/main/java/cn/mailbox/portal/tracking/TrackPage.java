package cn.mailbox.portal.tracking;

import java.time.Clock;
import java.util.Arrays;

import cn.mailbox.moderation.letter.Satisfaction;
import cn.mailbox.portal.notification.NoticeTexts;
import cn.mailbox.portal.web.HtmlPage;
import cn.mailbox.portal.web.Labels;
import cn.mailbox.portal.web.Times;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The tracking page. Number and code are posted in a form, never put in a URL (URLs end
 * up in histories, logs and Referer headers), and the answer is not cached.
 */
@Controller
@HtmlPage
class TrackPage {

	private final TrackLetter trackLetter;

	private final Labels labels;

	private final Times times;

	private final Clock clock;

	private final NoticeTexts texts;

	TrackPage(TrackLetter trackLetter, Labels labels, Times times, Clock clock, NoticeTexts texts) {
		this.trackLetter = trackLetter;
		this.labels = labels;
		this.times = times;
		this.clock = clock;
		this.texts = texts;
	}

	@GetMapping("/track")
	String form() {
		return "track";
	}

	@PostMapping("/track")
	Mono<String> lookUp(ServerWebExchange exchange, Model model) {
		exchange.getResponse().getHeaders().setCacheControl("no-store");
		return exchange.getFormData().flatMap((form) -> show(form, exchange, model));
	}

	@PostMapping("/track/feedback")
	Mono<String> feedback(ServerWebExchange exchange, Model model) {
		exchange.getResponse().getHeaders().setCacheControl("no-store");
		return exchange.getFormData()
			.flatMap((form) -> this.trackLetter
				.giveFeedback(form.getFirst("trackingNumber"), form.getFirst("accessCode"),
						form.getFirst("satisfaction"), form.getFirst("comment"))
				.then(show(form, exchange, model))
				.onErrorResume(FeedbackRejected.class, (ex) -> show(form, exchange, model))
				.onErrorResume(FeedbackNotPossible.class, (ex) -> show(form, exchange, model)));
	}

	private Mono<String> show(MultiValueMap<String, String> form, ServerWebExchange exchange, Model model) {
		String number = form.getFirst("trackingNumber");
		String code = form.getFirst("accessCode");
		var locale = exchange.getLocaleContext().getLocale();
		return this.trackLetter.track(number, code).map((tracked) -> {
			model.addAttribute("letter",
					TrackingApi.LetterStatus.of(tracked, this.labels, this.texts, locale, this.clock.instant()));
			model.addAttribute("accessCode", new HiddenAccessCode(code));
			model.addAttribute("times", this.times);
			model.addAttribute("satisfactions", Arrays.stream(Satisfaction.values()).map(Satisfaction::code).toList());
			return "letter-status";
		}).onErrorResume(LetterNotFound.class, (ex) -> {
			exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
			model.addAttribute("notFound", true);
			model.addAttribute("trackingNumber", number);
			return Mono.just("track");
		});
	}

}
