package cn.mailbox.portal.tracking;

import java.util.regex.Pattern;

import cn.mailbox.moderation.letter.CitizenLetters;
import cn.mailbox.moderation.letter.CitizenView;
import cn.mailbox.moderation.letter.Satisfaction;
import cn.mailbox.moderation.notification.CitizenNotice;
import cn.mailbox.moderation.notification.CitizenNotices;
import cn.mailbox.portal.intake.AccessCodes;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Opens a letter for its writer. A wrong number and a wrong code fail the same way
 * ({@link LetterNotFound}), so the answer never tells a guesser which half was right.
 */
@Component
public class TrackLetter {

	private static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Z]{1,6}[0-9]{8}-[0-9]{5,7}");

	private static final int MAX_COMMENT = 1000;

	private final CitizenLetters letters;

	private final CitizenNotices notices;

	TrackLetter(CitizenLetters letters, CitizenNotices notices) {
		this.letters = letters;
		this.notices = notices;
	}

	/** The letter with its progress notices, for the writer's page and API. */
	public Mono<Tracked> track(String trackingNumber, String accessCode) {
		return open(trackingNumber, accessCode)
			.flatMap((view) -> this.notices.forLetter(view.id()).collectList().map((list) -> new Tracked(view, list)));
	}

	public Mono<CitizenView> open(String trackingNumber, String accessCode) {
		String number = (trackingNumber != null) ? trackingNumber.strip().toUpperCase(java.util.Locale.ROOT) : "";
		if (!TRACKING_NUMBER.matcher(number).matches() || accessCode == null || accessCode.isBlank()) {
			return Mono.error(new LetterNotFound());
		}
		return this.letters.find(number)
			.filter((view) -> AccessCodes.matches(accessCode, view.accessCodeHash()))
			.switchIfEmpty(Mono.error(new LetterNotFound()));
	}

	public Mono<CitizenView.Feedback> giveFeedback(String trackingNumber, String accessCode, String satisfaction,
			String comment) {
		Satisfaction rating = (satisfaction != null) ? Satisfaction.fromCode(satisfaction).orElse(null) : null;
		if (rating == null) {
			return Mono.error(new FeedbackRejected("validation.oneOf", "satisfaction"));
		}
		String text = (comment == null || comment.isBlank()) ? null : comment.strip();
		if (text != null && text.codePointCount(0, text.length()) > MAX_COMMENT) {
			return Mono.error(new FeedbackRejected("validation.tooLong", "comment", Integer.toString(MAX_COMMENT)));
		}
		return open(trackingNumber, accessCode).flatMap((view) -> this.letters.giveFeedback(view.id(), rating, text)
			.switchIfEmpty(Mono.error(new FeedbackNotPossible(view.replyText() == null))));
	}

	/** A letter as its writer sees it, with the notices they were sent (or shown). */
	public record Tracked(CitizenView view, java.util.List<CitizenNotice> notices) {

		public Tracked {
			notices = java.util.List.copyOf(notices);
		}

	}

}
