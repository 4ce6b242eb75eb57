package cn.mailbox.portal.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import cn.mailbox.moderation.letter.CitizenView;
import cn.mailbox.moderation.letter.LetterState;
import cn.mailbox.moderation.notification.NoticeKind;
import cn.mailbox.portal.notification.NoticeTexts;
import cn.mailbox.portal.web.Labels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Citizens")
class TrackingApi {

	private final TrackLetter trackLetter;

	private final Labels labels;

	private final Clock clock;

	private final NoticeTexts texts;

	TrackingApi(TrackLetter trackLetter, Labels labels, Clock clock, NoticeTexts texts) {
		this.trackLetter = trackLetter;
		this.labels = labels;
		this.clock = clock;
		this.texts = texts;
	}

	@GetMapping(path = "/api/v1/letters/{trackingNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The writer's view of a letter",
			description = "Needs the X-Access-Code header. A wrong number or code both answer 404.")
	Mono<LetterStatus> status(@PathVariable String trackingNumber,
			@RequestHeader(name = "X-Access-Code", required = false) String accessCode, ServerWebExchange exchange) {
		Locale locale = exchange.getLocaleContext().getLocale();
		exchange.getResponse().getHeaders().setCacheControl("no-store");
		return this.trackLetter.track(trackingNumber, accessCode)
			.map((tracked) -> LetterStatus.of(tracked, this.labels, this.texts, locale, this.clock.instant()));
	}

	@PostMapping(path = "/api/v1/letters/{trackingNumber}/feedback", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Rate the reply", description = "satisfied | basically_satisfied | dissatisfied")
	Mono<FeedbackView> feedback(@PathVariable String trackingNumber,
			@RequestHeader(name = "X-Access-Code", required = false) String accessCode,
			@RequestBody FeedbackRequest request) {
		return this.trackLetter.giveFeedback(trackingNumber, accessCode, request.satisfaction(), request.comment())
			.map(FeedbackView::of);
	}

	record FeedbackRequest(String satisfaction, String comment) {
	}

	/**
	 * The citizen's view of {@code api.md}: status, public timeline, unit, deadline,
	 * reply, feedback.
	 */
	record LetterStatus(String trackingNumber, String status, String statusLabel, String mailbox, String nature,
			String field, String region, String title, String body, Instant receivedAt, List<Step> timeline,
			String currentUnit, Instant deadline, boolean overdue, Reply reply, FeedbackView feedback,
			List<Notice> notices, RejectionReason rejectionReason) {

		static LetterStatus of(TrackLetter.Tracked tracked, Labels labels, NoticeTexts texts, Locale locale,
				Instant now) {
			CitizenView view = tracked.view();
			List<Step> steps = view.timeline()
				.stream()
				.map((entry) -> new Step(entry.at(), entry.event(), labels.event(entry.event(), locale), entry.unit()))
				.toList();
			Reply reply = (view.replyText() != null) ? new Reply(view.replyText(), view.repliedAt()) : null;
			boolean overdue = view.deadlineAt() != null && view.repliedAt() == null && now.isAfter(view.deadlineAt());
			return new LetterStatus(view.trackingNumber(), view.state().code(), labels.state(view.state(), locale),
					view.mailbox(), view.nature().code(), view.field(), view.region(), view.title(), view.body(),
					view.receivedAt(), steps, view.currentUnit(), view.deadlineAt(), overdue, reply,
					(view.feedback() != null) ? FeedbackView.of(view.feedback()) : null,
					tracked.notices()
						.stream()
						.map((notice) -> new Notice(notice.at(), notice.kind().code(),
								texts.message(notice, view.trackingNumber(), locale)))
						.toList(),
					rejectionReason(tracked, texts, locale));
		}

		/**
		 * Why a rejected letter was not accepted, from the last rejection notice, in the
		 * request's language.
		 */
		private static RejectionReason rejectionReason(TrackLetter.Tracked tracked, NoticeTexts texts, Locale locale) {
			if (tracked.view().state() != LetterState.REJECTED) {
				return null;
			}
			return tracked.notices()
				.stream()
				.filter((notice) -> notice.kind() == NoticeKind.REJECTED)
				.reduce((first, second) -> second)
				.map((notice) -> new RejectionReason((notice.reason() != null) ? notice.reason().code() : null,
						texts.reason(notice.reason(), locale)))
				.orElse(null);
		}

	}

	record Step(Instant at, String event, String eventLabel, String unit) {
	}

	/**
	 * A progress notice in the request's language: the same sentence the citizen was
	 * mailed.
	 */
	record Notice(Instant at, String kind, String message) {
	}

	record Reply(String text, Instant at) {
	}

	/** A scope reason (不予受理的理由): its code and its label in the request's language. */
	record RejectionReason(String code, String label) {
	}

	/** The citizen's rating with its wire code ({@code basically_satisfied}). */
	record FeedbackView(String satisfaction, String comment, Instant at) {

		static FeedbackView of(CitizenView.Feedback feedback) {
			return new FeedbackView(feedback.satisfaction().code(), feedback.comment(), feedback.at());
		}

	}

}
