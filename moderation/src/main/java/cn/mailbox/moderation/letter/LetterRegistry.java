package cn.mailbox.moderation.letter;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

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
	 * Stores several letters at once, in the caller's transaction, with one statement per
	 * table (tracking numbers, letters, arrival steps, screening) whatever their number:
	 * the write path of intake's group commit. Answers them in the order given. Any
	 * failure fails the lot (the caller rolls back and writes them one by one).
	 */
	public Mono<List<RegisteredLetter>> registerAll(List<NewLetter> letters) {
		if (letters.isEmpty()) {
			return Mono.just(List.of());
		}
		Instant receivedAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		return this.trackingNumbers.reserve(letters.size())
			.flatMap((numbers) -> insertAll(letters, numbers, receivedAt))
			.flatMap((stored) -> recordArrivals(stored).then(recordScreenings(stored, letters)).thenReturn(stored));
	}

	/**
	 * {@link #recordDuplicateScreening} for several letters in one statement; joins the
	 * caller's transaction.
	 */
	public Mono<Void> recordDuplicateScreenings(List<DuplicateScreening> screenings) {
		if (screenings.isEmpty()) {
			return Mono.empty();
		}
		StringJoiner rows = new StringJoiner(", ");
		for (int i = 0; i < screenings.size(); i++) {
			rows.add(
					"(:id%1$d::bigint, :signature%1$d::bytea, :of%1$d::bigint, :similarity%1$d::float8, :same%1$d::boolean)"
						.formatted(i));
		}
		var update = this.db.sql("""
				update letter_screening s set signature = v.signature, duplicate_of = v.of,
				       duplicate_similarity = v.similarity, same_sender = v.same
				from (values %s) as v (id, signature, of, similarity, same)
				where s.letter_id = v.id""".formatted(rows));
		for (int i = 0; i < screenings.size(); i++) {
			DuplicateScreening screening = screenings.get(i);
			update = update.bind("id" + i, screening.letterId()).bind("signature" + i, screening.signature());
			update = Binding.nullable(update, "of" + i, screening.duplicateOf(), Long.class);
			update = Binding.nullable(update, "similarity" + i, screening.similarity(), Double.class);
			update = Binding.nullable(update, "same" + i, screening.sameSender(), Boolean.class);
		}
		return update.then();
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

	private Mono<List<RegisteredLetter>> insertAll(List<NewLetter> letters, List<String> numbers, Instant receivedAt) {
		StringJoiner rows = new StringJoiner(",\n");
		for (int i = 0; i < letters.size(); i++) {
			rows.add("""
					(:trackingNumber%1$d, :mailbox%1$d, :nature%1$d, :field%1$d, :region%1$d, :title%1$d, :body%1$d,
					 :writerName%1$d, :writerPhone%1$d, :writerEmail%1$d, :anonymous%1$d, :consent%1$d, :channel%1$d,
					 :clientIp%1$d, :locale%1$d, :codeHash%1$d, :state%1$d, :receivedAt)""".formatted(i));
		}
		var spec = this.db.sql("""
				insert into letters (tracking_number, mailbox, nature, field, region, title, body,
				    writer_name, writer_phone, writer_email, anonymous, publication_consent, channel,
				    client_ip, locale, access_code_hash, state, received_at)
				values %s
				returning id, tracking_number""".formatted(rows)).bind("receivedAt", receivedAt);
		for (int i = 0; i < letters.size(); i++) {
			NewLetter letter = letters.get(i);
			spec = spec.bind("trackingNumber" + i, numbers.get(i))
				.bind("mailbox" + i, letter.mailbox())
				.bind("nature" + i, letter.nature().code())
				.bind("field" + i, letter.field())
				.bind("region" + i, letter.region())
				.bind("title" + i, letter.title())
				.bind("body" + i, letter.body())
				.bind("anonymous" + i, letter.anonymous())
				.bind("consent" + i, letter.publicationConsent())
				.bind("channel" + i, letter.channel())
				.bind("locale" + i, letter.locale())
				.bind("codeHash" + i, letter.accessCodeHash())
				.bind("state" + i, letter.initialState().code());
			spec = Binding.nullable(spec, "writerName" + i, letter.writerName(), String.class);
			spec = Binding.nullable(spec, "writerPhone" + i, letter.writerPhone(), String.class);
			spec = Binding.nullable(spec, "writerEmail" + i, letter.writerEmail(), String.class);
			spec = Binding.nullable(spec, "clientIp" + i, letter.clientIp(), String.class);
		}
		return spec.map((row) -> Map.entry(row.get("tracking_number", String.class), row.get("id", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map((ids) -> {
				List<RegisteredLetter> stored = new ArrayList<>(letters.size());
				for (int i = 0; i < letters.size(); i++) {
					stored.add(new RegisteredLetter(ids.get(numbers.get(i)), numbers.get(i),
							letters.get(i).initialState(), receivedAt));
				}
				return stored;
			});
	}

	private Mono<Void> recordArrivals(List<RegisteredLetter> stored) {
		StringJoiner rows = new StringJoiner(", ");
		for (int i = 0; i < stored.size(); i++) {
			rows.add("(:letterId%1$d, :at, 'citizen', 'citizen', :action%1$d, :state%1$d, true)".formatted(i));
		}
		var insert = this.db.sql("""
				insert into letter_events (letter_id, at, actor, role, action, to_state, visible_to_citizen)
				values %s""".formatted(rows)).bind("at", stored.get(0).receivedAt());
		for (int i = 0; i < stored.size(); i++) {
			RegisteredLetter letter = stored.get(i);
			insert = insert.bind("letterId" + i, letter.id())
				.bind("action" + i, (letter.state() == LetterState.QUARANTINED) ? "quarantined" : "received")
				.bind("state" + i, letter.state().code());
		}
		return insert.then();
	}

	private Mono<Void> recordScreenings(List<RegisteredLetter> stored, List<NewLetter> letters) {
		StringJoiner rows = new StringJoiner(", ");
		List<Integer> screened = new ArrayList<>();
		for (int i = 0; i < letters.size(); i++) {
			if (letters.get(i).screening() != null) {
				rows.add("(:id%1$d, :score%1$d, :quarantined%1$d, :reasons%1$d, :flags%1$d, :signature%1$d::bytea)"
					.formatted(i));
				screened.add(i);
			}
		}
		if (screened.isEmpty()) {
			return Mono.empty();
		}
		var insert = this.db.sql("""
				insert into letter_screening (letter_id, spam_score, quarantined, reasons, scope_flags, signature)
				values %s""".formatted(rows));
		for (int i : screened) {
			Screening screening = letters.get(i).screening();
			insert = insert.bind("id" + i, stored.get(i).id())
				.bind("score" + i, screening.spamScore())
				.bind("quarantined" + i, screening.quarantined())
				.bind("reasons" + i, screening.reasons().toArray(String[]::new))
				.bind("flags" + i, screening.scopeFlags().stream().sorted().toArray(String[]::new));
			insert = Binding.nullable(insert, "signature" + i, screening.signature(), byte[].class);
		}
		return insert.then();
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
