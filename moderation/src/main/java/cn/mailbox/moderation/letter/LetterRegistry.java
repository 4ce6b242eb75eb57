package cn.mailbox.moderation.letter;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;

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

	/**
	 * Separates the reasons and flags of one letter inside a single text element: arrays
	 * of arrays must be rectangular in PostgreSQL, and a letter has any number of each.
	 * The unit separator never occurs in a reason code or flag.
	 */
	private static final String UNIT_SEPARATOR = "\u001f";

	/** The batch insert: see {@link #insertAll}. */
	private static final String INSERT_ALL = """
			with input as (
			    select * from unnest(:numbers::text[], :mailboxes::text[], :natures::text[], :fields::text[],
			        :regions::text[], :titles::text[], :bodies::text[], :names::text[], :phones::text[],
			        :emails::text[], :anonymous::boolean[], :consents::boolean[], :channels::text[], :ips::text[],
			        :locales::text[], :codeHashes::text[], :states::text[], :actions::text[], :screened::boolean[],
			        :scores::float8[], :quarantined::boolean[], :reasons::text[], :flags::text[], :signatures::text[])
			        as t (tracking_number, mailbox, nature, field, region, title, body, writer_name, writer_phone,
			              writer_email, anonymous, publication_consent, channel, client_ip, locale, code_hash, state,
			              action, screened, score, quarantined, reasons, flags, signature)
			), stored as (
			    insert into letters (tracking_number, mailbox, nature, field, region, title, body,
			        writer_name, writer_phone, writer_email, anonymous, publication_consent, channel,
			        client_ip, locale, access_code_hash, state, received_at)
			    select tracking_number, mailbox, nature, field, region, title, body, writer_name, writer_phone,
			        writer_email, anonymous, publication_consent, channel, client_ip, locale,
			        decode(code_hash, 'hex'), state, :receivedAt
			    from input
			    returning id, tracking_number
			), arrivals as (
			    insert into letter_events (letter_id, at, actor, role, action, to_state, visible_to_citizen)
			    select s.id, :receivedAt, 'citizen', 'citizen', i.action, i.state, true
			    from stored s join input i using (tracking_number)
			), screenings as (
			    insert into letter_screening (letter_id, spam_score, quarantined, reasons, scope_flags, signature)
			    select s.id, i.score, i.quarantined, string_to_array(i.reasons, E'\\x1f'),
			        string_to_array(i.flags, E'\\x1f'), decode(i.signature, 'hex')
			    from stored s join input i using (tracking_number)
			    where i.screened
			)
			select id, tracking_number from stored""";

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
	 * Stores several letters at once, in the caller's transaction: one statement reserves
	 * their tracking numbers, one writes the letters with their arrival steps and
	 * screening, whatever their number: the write path of intake's group commit. Answers
	 * them in the order given. Any failure fails the lot (the caller rolls back and
	 * writes them one by one).
	 */
	public Mono<List<RegisteredLetter>> registerAll(List<NewLetter> letters) {
		if (letters.isEmpty()) {
			return Mono.just(List.of());
		}
		Instant receivedAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		return this.trackingNumbers.reserve(letters.size())
			.flatMap((numbers) -> insertAll(letters, numbers, receivedAt));
	}

	/**
	 * {@link #recordDuplicateScreening} for several letters in one statement; joins the
	 * caller's transaction.
	 */
	public Mono<Void> recordDuplicateScreenings(List<DuplicateScreening> screenings) {
		if (screenings.isEmpty()) {
			return Mono.empty();
		}
		int size = screenings.size();
		Long[] ids = new Long[size];
		String[] signatures = new String[size];
		Long[] of = new Long[size];
		Double[] similarities = new Double[size];
		Boolean[] same = new Boolean[size];
		for (int i = 0; i < size; i++) {
			DuplicateScreening screening = screenings.get(i);
			ids[i] = screening.letterId();
			signatures[i] = hex(screening.signature());
			of[i] = screening.duplicateOf();
			similarities[i] = screening.similarity();
			same[i] = screening.sameSender();
		}
		return this.db.sql("""
				update letter_screening s set signature = decode(v.signature, 'hex'), duplicate_of = v.of,
				       duplicate_similarity = v.similarity, same_sender = v.same
				from unnest(:ids::bigint[], :signatures::text[], :of::bigint[], :similarities::float8[],
				            :same::boolean[]) as v (id, signature, of, similarity, same)
				where s.letter_id = v.id""")
			.bind("ids", ids)
			.bind("signatures", signatures)
			.bind("of", of)
			.bind("similarities", similarities)
			.bind("same", same)
			.then();
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
	 * Signatures of the latest {@code max} letters received since {@code since}, oldest
	 * first, to rebuild the duplicate index (which keeps the latest letters when it is
	 * full).
	 */
	public Flux<byte[]> signaturesSince(Instant since, int max) {
		return this.db.sql("""
				select signature from (
				    select s.signature, l.received_at, l.id from letter_screening s join letters l on l.id = s.letter_id
				    where l.received_at >= :since and s.signature is not null
				    order by l.received_at desc, l.id desc limit :max) latest
				order by received_at, id""")
			.bind("since", since)
			.bind("max", max)
			.map((row) -> row.get("signature", byte[].class))
			.all();
	}

	/**
	 * The titles and bodies of some letters, in no particular order: the portal signs
	 * stored letters again from their text when its duplicate signature scheme changes.
	 */
	public Flux<LetterText> texts(List<Long> letterIds) {
		return this.db.sql("select id, title, body from letters where id = any(:ids)")
			.bind("ids", letterIds.toArray(Long[]::new))
			.map((row) -> new LetterText(row.get("id", Long.class), row.get("title", String.class),
					row.get("body", String.class)))
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

	/**
	 * The batch goes in as one array per column, so the statement's text and its number
	 * of parameters stay the same whatever the batch size: PostgreSQL parses and plans it
	 * once per connection, and the driver encodes a few arrays instead of binding
	 * seventeen parameters per letter (binding one by one copies the parameter map each
	 * time, which made large batches quadratic). The letters, their arrival steps and
	 * their screening are written by one statement (data-modifying CTEs), in one round
	 * trip.
	 */
	private Mono<List<RegisteredLetter>> insertAll(List<NewLetter> letters, List<String> numbers, Instant receivedAt) {
		int size = letters.size();
		Columns columns = new Columns(size);
		for (int i = 0; i < size; i++) {
			columns.set(i, numbers.get(i), letters.get(i));
		}
		return this.db.sql(INSERT_ALL)
			.bind("numbers", columns.numbers)
			.bind("mailboxes", columns.mailboxes)
			.bind("natures", columns.natures)
			.bind("fields", columns.fields)
			.bind("regions", columns.regions)
			.bind("titles", columns.titles)
			.bind("bodies", columns.bodies)
			.bind("names", columns.names)
			.bind("phones", columns.phones)
			.bind("emails", columns.emails)
			.bind("anonymous", columns.anonymous)
			.bind("consents", columns.consents)
			.bind("channels", columns.channels)
			.bind("ips", columns.ips)
			.bind("locales", columns.locales)
			.bind("codeHashes", columns.codeHashes)
			.bind("states", columns.states)
			.bind("actions", columns.actions)
			.bind("screened", columns.screened)
			.bind("scores", columns.scores)
			.bind("quarantined", columns.quarantined)
			.bind("reasons", columns.reasons)
			.bind("flags", columns.flags)
			.bind("signatures", columns.signatures)
			.bind("receivedAt", receivedAt)
			.map((row) -> Map.entry(row.get("tracking_number", String.class), row.get("id", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map((ids) -> {
				List<RegisteredLetter> stored = new ArrayList<>(size);
				for (int i = 0; i < size; i++) {
					stored.add(new RegisteredLetter(ids.get(numbers.get(i)), numbers.get(i),
							letters.get(i).initialState(), receivedAt));
				}
				return stored;
			});
	}

	/** One array per column of the batch insert. */
	private static final class Columns {

		final String[] numbers;

		final String[] mailboxes;

		final String[] natures;

		final String[] fields;

		final String[] regions;

		final String[] titles;

		final String[] bodies;

		final String[] names;

		final String[] phones;

		final String[] emails;

		final Boolean[] anonymous;

		final Boolean[] consents;

		final String[] channels;

		final String[] ips;

		final String[] locales;

		final String[] codeHashes;

		final String[] states;

		final String[] actions;

		final Boolean[] screened;

		final Double[] scores;

		final Boolean[] quarantined;

		final String[] reasons;

		final String[] flags;

		final String[] signatures;

		Columns(int size) {
			this.numbers = new String[size];
			this.mailboxes = new String[size];
			this.natures = new String[size];
			this.fields = new String[size];
			this.regions = new String[size];
			this.titles = new String[size];
			this.bodies = new String[size];
			this.names = new String[size];
			this.phones = new String[size];
			this.emails = new String[size];
			this.anonymous = new Boolean[size];
			this.consents = new Boolean[size];
			this.channels = new String[size];
			this.ips = new String[size];
			this.locales = new String[size];
			this.codeHashes = new String[size];
			this.states = new String[size];
			this.actions = new String[size];
			this.screened = new Boolean[size];
			this.scores = new Double[size];
			this.quarantined = new Boolean[size];
			this.reasons = new String[size];
			this.flags = new String[size];
			this.signatures = new String[size];
		}

		void set(int i, String number, NewLetter letter) {
			this.numbers[i] = number;
			this.mailboxes[i] = letter.mailbox();
			this.natures[i] = letter.nature().code();
			this.fields[i] = letter.field();
			this.regions[i] = letter.region();
			this.titles[i] = letter.title();
			this.bodies[i] = letter.body();
			this.names[i] = letter.writerName();
			this.phones[i] = letter.writerPhone();
			this.emails[i] = letter.writerEmail();
			this.anonymous[i] = letter.anonymous();
			this.consents[i] = letter.publicationConsent();
			this.channels[i] = letter.channel();
			this.ips[i] = letter.clientIp();
			this.locales[i] = letter.locale();
			this.codeHashes[i] = hex(letter.accessCodeHash());
			this.states[i] = letter.initialState().code();
			this.actions[i] = (letter.initialState() == LetterState.QUARANTINED) ? "quarantined" : "received";
			Screening screening = letter.screening();
			this.screened[i] = screening != null;
			if (screening != null) {
				this.scores[i] = screening.spamScore();
				this.quarantined[i] = screening.quarantined();
				this.reasons[i] = String.join(UNIT_SEPARATOR,
						screening.reasons().stream().map((reason) -> reason.replace(UNIT_SEPARATOR, " ")).toList());
				this.flags[i] = String.join(UNIT_SEPARATOR, screening.scopeFlags().stream().sorted().toList());
				this.signatures[i] = hex(screening.signature());
			}
		}

	}

	private static String hex(byte[] bytes) {
		return (bytes != null) ? HexFormat.of().formatHex(bytes) : null;
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
