package cn.mailbox.moderation.letter;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
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
			.flatMap(
					(stored) -> recordArrival(stored, letter).then(recordScreening(stored, letter)).thenReturn(stored));
	}

	/**
	 * Stores a letter's near-duplicate signature and, when it repeats an earlier letter
	 * (内容重复), the link to the earliest one, for the moderator to merge or not. Joins the
	 * caller's transaction; a letter without screening is left alone.
	 */
	public Mono<Void> recordDuplicateScreening(long letterId, byte[] signature, Long duplicateOf, Double similarity,
			Boolean sameSender) {
		var update = this.db.sql("""
				update letter_screening set signature = :signature, duplicate_of = :of,
				       duplicate_similarity = :similarity, same_sender = :same where letter_id = :id""")
			.bind("signature", signature)
			.bind("id", letterId);
		update = Binding.nullable(update, "of", duplicateOf, Long.class);
		update = Binding.nullable(update, "similarity", similarity, Double.class);
		update = Binding.nullable(update, "same", sameSender, Boolean.class);
		return update.then();
	}

	/**
	 * The tracking number of a stored letter, to tell a citizen which letter theirs
	 * repeats.
	 */
	public Mono<String> trackingNumber(long letterId) {
		return this.db.sql("select tracking_number from letters where id = :id")
			.bind("id", letterId)
			.map((row) -> row.get("tracking_number", String.class))
			.one();
	}

	/**
	 * Signatures of letters received since {@code since}, oldest first, to rebuild the
	 * duplicate index.
	 */
	public Flux<byte[]> signaturesSince(Instant since, int max) {
		return this.db.sql("""
				select s.signature from letter_screening s join letters l on l.id = s.letter_id
				where l.received_at >= :since and s.signature is not null order by l.received_at limit :max""")
			.bind("since", since)
			.bind("max", max)
			.map((row) -> row.get("signature", byte[].class))
			.all();
	}

	private Mono<Void> recordScreening(RegisteredLetter stored, NewLetter letter) {
		Screening screening = letter.screening();
		if (screening == null) {
			return Mono.empty();
		}
		var insert = this.db.sql("""
				insert into letter_screening (letter_id, spam_score, quarantined, reasons, scope_flags, signature)
				values (:id, :score, :quarantined, :reasons, :flags, :signature)""")
			.bind("id", stored.id())
			.bind("score", screening.spamScore())
			.bind("quarantined", screening.quarantined())
			.bind("reasons", screening.reasons().toArray(String[]::new))
			.bind("flags", screening.scopeFlags().stream().sorted().toArray(String[]::new));
		insert = (screening.signature() != null) ? insert.bind("signature", screening.signature())
				: insert.bindNull("signature", byte[].class);
		return insert.then();
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
			.bind("action", (stored.state() == LetterState.QUARANTINED) ? "quarantined" : "received")
			.bind("state", stored.state().code())
			.then();
	}

}
