package cn.mailbox.moderation.letter;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stores new letters: gives each its tracking number, writes it with the first step of
 * its audit trail, and answers only with what the database returned. It joins the
 * caller's transaction, so intake can commit the letter together with its own bookkeeping
 * (idempotency keys, screening).
 */
@Component
public class LetterRegistry {

	private final DatabaseClient db;

	private final TrackingNumbers trackingNumbers;

	private final Clock clock;

	LetterRegistry(DatabaseClient db, LetterSettings settings, Clock clock) {
		this.db = db;
		this.trackingNumbers = new TrackingNumbers(db, settings, clock);
		this.clock = clock;
	}

	public Mono<RegisteredLetter> register(NewLetter letter) {
		// PostgreSQL keeps microseconds: truncate so what we answer equals what a later
		// read returns.
		Instant receivedAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		return this.trackingNumbers.reserve(1)
			.map((numbers) -> numbers.get(0))
			.flatMap((number) -> insert(letter, number, receivedAt))
			.flatMap((stored) -> recordArrival(stored, letter).thenReturn(stored));
	}

	private Mono<RegisteredLetter> insert(NewLetter letter, String trackingNumber, Instant receivedAt) {
		var spec = this.db.sql("""
				insert into letters (tracking_number, mailbox, nature, field, region, title, body,
				    writer_name, writer_phone, writer_email, anonymous, publication_consent, channel,
				    client_ip, locale, access_code_hash, state, received_at)
				values (:trackingNumber, :mailbox, :nature, :field, :region, :title, :body,
				    :writerName, :writerPhone, :writerEmail, :anonymous, :consent, :channel,
				    :clientIp, :locale, :codeHash, :state, :receivedAt)
				returning id""")
			.bind("trackingNumber", trackingNumber)
			.bind("mailbox", letter.mailbox())
			.bind("nature", letter.nature().code())
			.bind("field", letter.field())
			.bind("region", letter.region())
			.bind("title", letter.title())
			.bind("body", letter.body());
		spec = Binding.nullable(spec, "writerName", letter.writerName(), String.class);
		spec = Binding.nullable(spec, "writerPhone", letter.writerPhone(), String.class);
		spec = Binding.nullable(spec, "writerEmail", letter.writerEmail(), String.class);
		spec = Binding.nullable(spec, "clientIp", letter.clientIp(), String.class);
		return spec.bind("anonymous", letter.anonymous())
			.bind("consent", letter.publicationConsent())
			.bind("channel", letter.channel())
			.bind("locale", letter.locale())
			.bind("codeHash", letter.accessCodeHash())
			.bind("state", letter.initialState().code())
			.bind("receivedAt", receivedAt)
			.map((row) -> row.get("id", Long.class))
			.one()
			.map((id) -> new RegisteredLetter(id, trackingNumber, letter.initialState(), receivedAt));
	}

	private Mono<Void> recordArrival(RegisteredLetter stored, NewLetter letter) {
		return this.db.sql("""
				insert into letter_events (letter_id, at, actor, role, action, to_state, visible_to_citizen)
				values (:letterId, :at, 'citizen', 'citizen', :action, :state, true)""")
			.bind("letterId", stored.id())
			.bind("at", stored.receivedAt())
			.bind("action", "received")
			.bind("state", stored.state().code())
			.then();
	}

}
