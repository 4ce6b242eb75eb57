package cn.mailbox.moderation.letter;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
			    select * from unnest(:ids::bigint[], :numbers::text[], :mailboxes::text[], :natures::text[],
			        :fields::text[], :regions::text[], :titles::text[], :bodies::text[], :names::text[],
			        :phones::text[], :emails::text[], :anonymous::boolean[], :consents::boolean[], :channels::text[],
			        :ips::text[], :locales::text[], :codeHashes::text[], :states::text[], :actions::text[],
			        :screened::boolean[], :scores::float8[], :quarantined::boolean[], :reasons::text[],
			        :flags::text[], :signatures::text[], :duplicateOf::bigint[], :similarities::float8[],
			        :sameSender::boolean[])
			        as t (id, tracking_number, mailbox, nature, field, region, title, body, writer_name, writer_phone,
			              writer_email, anonymous, publication_consent, channel, client_ip, locale, code_hash, state,
			              action, screened, score, quarantined, reasons, flags, signature, duplicate_of, similarity,
			              same_sender)
			), stored as (
			    insert into letters (id, tracking_number, mailbox, nature, field, region, title, body,
			        writer_name, writer_phone, writer_email, anonymous, publication_consent, channel,
			        client_ip, locale, access_code_hash, state, received_at)
			    overriding system value
			    select id, tracking_number, mailbox, nature, field, region, title, body, writer_name, writer_phone,
			        writer_email, anonymous, publication_consent, channel, client_ip, locale,
			        decode(code_hash, 'hex'), state, :receivedAt
			    from input
			    returning id
			), arrivals as (
			    insert into letter_events (letter_id, at, actor, role, action, to_state, visible_to_citizen)
			    select id, :receivedAt, 'citizen', 'citizen', action, state, true
			    from input
			), screenings as (
			    insert into letter_screening (letter_id, spam_score, quarantined, reasons, scope_flags, signature,
			        duplicate_of, duplicate_similarity, same_sender)
			    select id, score, quarantined, string_to_array(reasons, E'\\x1f'), string_to_array(flags, E'\\x1f'),
			        decode(signature, 'hex'), duplicate_of, similarity, same_sender
			    from input
			    where screened
			)
			select count(*) from stored""";

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
	 * Reserves tracking numbers and row ids for letters about to be registered with
	 * {@link #registerAll} or {@link #register(NewLetter, String, Instant)}. It commits
	 * on its own (call it outside any transaction), so the day's counter row is locked
	 * for one statement instead of until a whole batch commits; and with their ids known
	 * before they are written, a batch's duplicate screening goes in with the letters
	 * instead of in a second statement. Numbers and ids of a batch that then fails stay
	 * unused: gaps, never a number given twice.
	 */
	public Mono<ReservedNumbers> reserveTrackingNumbers(int count) {
		Instant receivedAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		return this.trackingNumbers.reserveOnItsOwn(count, receivedAt);
	}

	/**
	 * Stores several letters at once, in the caller's transaction, under numbers and ids
	 * reserved beforehand (one each, in order), with their arrival steps, their screening
	 * and what duplicate screening found ({@code duplicates}, one per letter, in order;
	 * an entry may be null), in one statement whatever their number: the write path of
	 * intake's group commit. The letters are received at the reservation's time. Any
	 * failure fails the lot (the caller rolls back and writes them one by one).
	 */
	public Mono<List<RegisteredLetter>> registerAll(List<NewLetter> letters, ReservedNumbers reserved,
			List<DuplicateScreening> duplicates) {
		if (letters.size() != reserved.numbers().size() || letters.size() != duplicates.size()) {
			return Mono.error(new IllegalArgumentException(letters.size() + " letters for " + reserved.numbers().size()
					+ " reserved numbers and " + duplicates.size() + " screenings"));
		}
		return letters.isEmpty() ? Mono.just(List.of()) : insertAll(letters, reserved, duplicates);
	}

	/** {@link #register(NewLetter)} under a number reserved beforehand. */
	public Mono<RegisteredLetter> register(NewLetter letter, String trackingNumber, Instant receivedAt) {
		return insert(letter, trackingNumber, receivedAt).flatMap(
				(stored) -> recordArrival(stored, letter).then(recordScreening(stored, letter)).thenReturn(stored));
	}

	/**
	 * Stores a letter's near-duplicate signature and, when it repeats an earlier letter
	 * (内容重复), the link to the earliest one, for the moderator to merge or not. Joins the
	 * caller's transaction; a letter without screening is left alone.
	 */
	public Mono<Void> recordDuplicateScreening(DuplicateScreening screening) {
		var update = this.db.sql("""
				update letter_screening set signature = :signature, duplicate_of = :of,
				       duplicate_similarity = :similarity, same_sender = :same where letter_id = :id""")
			.bind("signature", screening.signature())
			.bind("id", screening.letterId());
		update = Binding.nullable(update, "of", screening.duplicateOf(), Long.class);
		update = Binding.nullable(update, "similarity", screening.similarity(), Double.class);
		update = Binding.nullable(update, "same", screening.sameSender(), Boolean.class);
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

	/**
	 * Replaces letters' stored duplicate signatures with ones the portal signed again
	 * from their text under a newer scheme, so that the next start-up reads them as they
	 * are instead of signing them once more. One statement for all of them, bound as a
	 * batch of new letters is.
	 * @param signatures letter id to its new signature
	 */
	public Mono<Void> replaceSignatures(Map<Long, byte[]> signatures) {
		if (signatures.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("""
				update letter_screening s set signature = decode(v.signature, 'hex')
				from unnest(:ids::bigint[], :signatures::text[]) as v(letter_id, signature)
				where s.letter_id = v.letter_id""")
			.bind("ids", signatures.keySet().toArray(Long[]::new))
			.bind("signatures",
					TextArrays.literal(signatures.values().stream().map(LetterRegistry::hex).toArray(String[]::new)))
			.then();
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
	private Mono<List<RegisteredLetter>> insertAll(List<NewLetter> letters, ReservedNumbers reserved,
			List<DuplicateScreening> duplicates) {
		int size = letters.size();
		Columns columns = new Columns(size);
		for (int i = 0; i < size; i++) {
			columns.set(i, reserved.ids().get(i), reserved.numbers().get(i), letters.get(i), duplicates.get(i));
		}
		return this.db.sql(INSERT_ALL)
			.bind("ids", columns.ids)
			.bind("numbers", TextArrays.literal(columns.numbers))
			.bind("mailboxes", TextArrays.literal(columns.mailboxes))
			.bind("natures", TextArrays.literal(columns.natures))
			.bind("fields", TextArrays.literal(columns.fields))
			.bind("regions", TextArrays.literal(columns.regions))
			.bind("titles", TextArrays.literal(columns.titles))
			.bind("bodies", TextArrays.literal(columns.bodies))
			.bind("names", TextArrays.literal(columns.names))
			.bind("phones", TextArrays.literal(columns.phones))
			.bind("emails", TextArrays.literal(columns.emails))
			.bind("anonymous", columns.anonymous)
			.bind("consents", columns.consents)
			.bind("channels", TextArrays.literal(columns.channels))
			.bind("ips", TextArrays.literal(columns.ips))
			.bind("locales", TextArrays.literal(columns.locales))
			.bind("codeHashes", TextArrays.literal(columns.codeHashes))
			.bind("states", TextArrays.literal(columns.states))
			.bind("actions", TextArrays.literal(columns.actions))
			.bind("screened", columns.screened)
			.bind("scores", columns.scores)
			.bind("quarantined", columns.quarantined)
			.bind("reasons", TextArrays.literal(columns.reasons))
			.bind("flags", TextArrays.literal(columns.flags))
			.bind("signatures", TextArrays.literal(columns.signatures))
			.bind("duplicateOf", columns.duplicateOf)
			.bind("similarities", columns.similarities)
			.bind("sameSender", columns.sameSender)
			.bind("receivedAt", reserved.receivedAt())
			.then()
			.then(Mono.fromSupplier(() -> registered(letters, reserved)));
	}

	private static List<RegisteredLetter> registered(List<NewLetter> letters, ReservedNumbers reserved) {
		List<RegisteredLetter> stored = new ArrayList<>(letters.size());
		for (int i = 0; i < letters.size(); i++) {
			stored.add(new RegisteredLetter(reserved.ids().get(i), reserved.numbers().get(i),
					letters.get(i).initialState(), reserved.receivedAt()));
		}
		return stored;
	}

	/** One array per column of the batch insert. */
	private static final class Columns {

		final Long[] ids;

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

		final Long[] duplicateOf;

		final Double[] similarities;

		final Boolean[] sameSender;

		Columns(int size) {
			this.ids = new Long[size];
			this.duplicateOf = new Long[size];
			this.similarities = new Double[size];
			this.sameSender = new Boolean[size];
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

		void set(int i, long id, String number, NewLetter letter, DuplicateScreening duplicate) {
			this.ids[i] = id;
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
				this.signatures[i] = hex((duplicate != null) ? duplicate.signature() : screening.signature());
				if (duplicate != null) {
					this.duplicateOf[i] = duplicate.duplicateOf();
					this.similarities[i] = duplicate.similarity();
					this.sameSender[i] = duplicate.sameSender();
				}
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
