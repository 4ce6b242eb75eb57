package cn.mailbox.portal.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.mailbox.moderation.letter.DuplicateScreening;
import cn.mailbox.moderation.letter.LetterRegistry;
import cn.mailbox.moderation.letter.LetterState;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.moderation.letter.NewLetter;
import cn.mailbox.moderation.letter.RegisteredLetter;
import cn.mailbox.moderation.letter.ReservedNumbers;
import cn.mailbox.moderation.letter.Screening;
import cn.mailbox.portal.ratelimit.ContactLimiter;
import cn.mailbox.portal.screening.DuplicateCheck;
import cn.mailbox.portal.screening.DuplicateIndex;
import cn.mailbox.portal.screening.DuplicateSignature;
import cn.mailbox.portal.screening.FormSignals;
import cn.mailbox.portal.screening.OwnContacts;
import cn.mailbox.portal.screening.ScopeFlag;
import cn.mailbox.portal.screening.ScopeScreen;
import cn.mailbox.portal.screening.ScreeningInput;
import cn.mailbox.portal.screening.ScreeningVerdict;
import cn.mailbox.portal.screening.SpamScreen;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Takes a citizen's letter in: validates it, stores it with its tracking number and the
 * hash of a fresh access code, and answers only after the transaction has committed
 * (shared with other submissions arriving at the same time: {@link GroupCommit}). With an
 * Idempotency-Key a retry of the same letter gets the first answer again (same number,
 * same code), and a different letter under a used key is refused.
 */
@Component
public class SubmitLetter {

	private static final int MAX_IDEMPOTENCY_KEY = 200;

	private final SubmissionValidator validator;

	private final LetterRegistry registry;

	private final DatabaseClient db;

	private final GroupCommit<Pending, Stored> groupCommit;

	private final ServerSecrets secrets;

	private final SpamScreen spamScreen;

	private final ScopeScreen scopeScreen;

	private final DuplicateIndex duplicates;

	private final ContactLimiter contactLimiter;

	private final UncommittedLetters uncommitted = new UncommittedLetters();

	SubmitLetter(SubmissionValidator validator, LetterRegistry registry, DatabaseClient db,
			TransactionalOperator transaction, GroupCommitSettings groupCommit, ServerSecrets secrets,
			SpamScreen spamScreen, ScopeScreen scopeScreen, DuplicateIndex duplicates, ContactLimiter contactLimiter,
			MeterRegistry meters) {
		this.validator = validator;
		this.registry = registry;
		this.db = db;
		this.groupCommit = new GroupCommit<>(new BatchWriter(), transaction, db, groupCommit.enabled(),
				groupCommit.maxBatch(), groupCommit.maxQueued(), groupCommit.maxWait(), groupCommit.maxInFlight(),
				Schedulers.parallel(), meters);
		this.secrets = secrets;
		this.spamScreen = spamScreen;
		this.scopeScreen = scopeScreen;
		this.duplicates = duplicates;
		this.contactLimiter = contactLimiter;
	}

	/** Letters in the duplicate index whose transaction is still open (for tests). */
	UncommittedLetters uncommitted() {
		return this.uncommitted;
	}

	/** The group commit the letters go through (its counters, for tests). */
	GroupCommit<?, ?> groupCommit() {
		return this.groupCommit;
	}

	/**
	 * @param idempotencyKey the client's key, or null
	 * @param channel how the letter came ({@code web}, {@code api})
	 */
	public Mono<SubmissionResult> submit(LetterSubmission submission, String idempotencyKey, String clientIp,
			String locale, String channel, FormSignals form) {
		LetterSubmission letter = submission.trimmed();
		List<FieldError> errors = this.validator.validate(letter);
		if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
			errors = Stream
				.concat(errors.stream(), Stream.of(new FieldError("Idempotency-Key", "validation.idempotencyKey")))
				.toList();
		}
		if (!errors.isEmpty()) {
			return Mono.error(new SubmissionRejected(errors));
		}
		if (idempotencyKey == null) {
			String code = AccessCodes.generate();
			Prepared prepared = prepare(letter, code, clientIp, locale, channel, form);
			return limitContact(letter).then(this.groupCommit.write(new Pending(prepared, null, null)))
				.flatMap((stored) -> answer(stored, code));
		}
		byte[] keyHash = AccessCodes.sha256("idempotency:" + idempotencyKey);
		byte[] requestHash = AccessCodes.sha256(canonical(letter));
		return this.secrets.accessCodeKey()
			.map((secret) -> AccessCodes.derive(secret, idempotencyKey))
			.flatMap((code) -> replay(keyHash, requestHash, code)
				.switchIfEmpty(Mono.defer(() -> storeOnce(letter,
						prepare(letter, code, clientIp, locale, channel, form), code, keyHash, requestHash)))
				// Two retries racing: the loser's insert of the key fails, and it answers
				// as a replay.
				.onErrorResume(DataIntegrityViolationException.class, (ex) -> replay(keyHash, requestHash, code)));
	}

	private Mono<SubmissionResult> storeOnce(LetterSubmission letter, Prepared prepared, String code, byte[] keyHash,
			byte[] requestHash) {
		return limitContact(letter).then(this.groupCommit.write(new Pending(prepared, keyHash, requestHash)))
			.flatMap((stored) -> answer(stored, code));
	}

	/**
	 * Counted only for letters about to be stored, so a replayed retry costs nothing.
	 */
	private Mono<Void> limitContact(LetterSubmission letter) {
		return this.contactLimiter.check(letter.phone(), letter.email());
	}

	private Mono<SubmissionResult> replay(byte[] keyHash, byte[] requestHash, String code) {
		return this.db.sql("""
				select k.request_hash, k.first_status, l.tracking_number, l.received_at,
				       case when s.same_sender then d.tracking_number end as linked_to
				from idempotency_keys k join letters l on l.id = k.letter_id
				left join letter_screening s on s.letter_id = l.id
				left join letters d on d.id = s.duplicate_of
				where k.key_hash = :key""")
			.bind("key", keyHash)
			.map((row) -> new Replay(row.get("request_hash", byte[].class), row.get("first_status", String.class),
					row.get("tracking_number", String.class), row.get("received_at", Instant.class),
					row.get("linked_to", String.class)))
			.one()
			.flatMap(
					(replay) -> java.security.MessageDigest.isEqual(replay.requestHash(), requestHash)
							? Mono.just(new SubmissionResult(replay.trackingNumber(), code, replay.status(),
									replay.receivedAt(), true, replay.linkedTo()))
							: Mono.error(new IdempotencyKeyReused()));
	}

	/**
	 * Screens the letter before it joins a batch, so the CPU work runs in the caller's
	 * turn and not in the group commit's: suspected spam is quarantined (never dropped),
	 * scope flags are kept for the moderator, and the text's duplicate signature is
	 * computed.
	 */
	private Prepared prepare(LetterSubmission letter, String code, String clientIp, String locale, String channel,
			FormSignals form) {
		Nature nature = Nature.fromCode(letter.nature()).orElseThrow();
		boolean anonymous = Boolean.TRUE.equals(letter.anonymous());
		FormSignals signals = new FormSignals(letter.website(), form.fillTime());
		// The text is normalised and measured once for both screens, without the
		// writer's own phone and e-mail (a citizen giving their number is not spam).
		ScreeningInput input = this.spamScreen.input(OwnContacts.remove(letter.title(), letter.phone(), letter.email()),
				OwnContacts.remove(letter.body(), letter.phone(), letter.email()));
		ScreeningVerdict verdict = this.spamScreen.screen(input, signals);
		Set<ScopeFlag> flags = this.scopeScreen.flags(input);
		// Domain rule: anonymous letters (of natures that allow them) are kept but not
		// handled (缓办).
		LetterState initial = verdict.quarantined() ? LetterState.QUARANTINED
				: (anonymous ? LetterState.DEFERRED : LetterState.RECEIVED);
		Screening screening = new Screening(verdict.spamScore(), verdict.quarantined(),
				verdict.reasons()
					.stream()
					.map((reason) -> reason.code().name().toLowerCase(Locale.ROOT) + ": " + reason.text())
					.toList(),
				flags.stream().map((flag) -> flag.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()), null);
		NewLetter newLetter = new NewLetter(letter.mailbox(), nature, letter.field(), letter.region(), letter.title(),
				letter.body(), letter.name(), letter.phone(), letter.email(), anonymous,
				Boolean.TRUE.equals(letter.publicationConsent()), channel, clientIp, locale, AccessCodes.hash(code),
				initial, screening);
		// Signed before the letter has its id and time; store() fills them in.
		DuplicateSignature unnumbered = this.duplicates.sign(0, Instant.EPOCH, senderKey(letter, clientIp),
				letter.title(), letter.body());
		return new Prepared(newLetter, unnumbered);
	}

	/**
	 * Writes submissions in a group commit's transaction: a batch with one statement per
	 * table, or one letter on its own.
	 */
	private final class BatchWriter implements GroupCommit.Writer<Pending, Stored> {

		@Override
		public Mono<List<Pending>> beforeTransaction(List<Pending> batch) {
			return SubmitLetter.this.registry.reserveTrackingNumbers(batch.size()).map((reserved) -> {
				List<Pending> numbered = new ArrayList<>(batch.size());
				for (int i = 0; i < batch.size(); i++) {
					numbered.add(batch.get(i)
						.numbered(new Slot(reserved.numbers().get(i), reserved.ids().get(i), reserved.receivedAt())));
				}
				return numbered;
			});
		}

		@Override
		public boolean oneStatement(List<Pending> batch) {
			return batch.stream().allMatch((pending) -> pending.keyHash() == null);
		}

		/** Letters of an ended transaction no longer make others wait. */
		@Override
		public void ended(List<Pending> batch, List<Stored> stored) {
			for (Pending pending : batch) {
				SubmitLetter.this.uncommitted.ended(pending.opening());
			}
		}

		@Override
		public Mono<Stored> writeOne(Pending pending) {
			return withKey(pending, store(pending, true));
		}

		@Override
		public Mono<Stored> writeAgain(Pending pending) {
			return withKey(pending, store(pending, false));
		}

		private Mono<Stored> withKey(Pending pending, Mono<Stored> stored) {
			return (pending.keyHash() == null) ? stored
					: stored.flatMap((letter) -> recordKeys(List.of(pending), List.of(letter)).thenReturn(letter));
		}

		/**
		 * Screens the batch for duplicates before writing it (its ids were reserved with
		 * its numbers), so what that finds goes in with the letters, in one statement.
		 */
		@Override
		public Mono<List<Stored>> writeAll(List<Pending> batch) {
			int size = batch.size();
			List<NewLetter> letters = batch.stream().map((pending) -> pending.prepared().letter()).toList();
			List<Slot> slots = batch.stream().map(Pending::slot).toList();
			ReservedNumbers reserved = new ReservedNumbers(slots.stream().map(Slot::trackingNumber).toList(),
					slots.stream().map(Slot::letterId).toList(), slots.get(0).receivedAt());
			List<DuplicateScreening> screenings = new ArrayList<>(size);
			List<Long> repeated = new ArrayList<>(size);
			// The whole batch at once, so that no other batch's letters come in between:
			// what keeps the waits below from forming a cycle (UncommittedLetters).
			synchronized (SubmitLetter.this.uncommitted) {
				for (int i = 0; i < size; i++) {
					SubmitLetter.this.uncommitted.opened(batch.get(i).opening(), reserved.ids().get(i));
					DuplicateScreening screening = screenDuplicates(reserved.ids().get(i), reserved.receivedAt(),
							batch.get(i).prepared().signature());
					screenings.add(screening);
					repeated.add(screening.duplicateOf());
				}
			}
			return SubmitLetter.this.uncommitted.ended(repeated, new HashSet<>(reserved.ids()))
				.then(Mono.defer(() -> SubmitLetter.this.registry.registerAll(letters, reserved, screenings)))
				.map((registered) -> {
					List<Stored> all = new ArrayList<>(size);
					for (int i = 0; i < size; i++) {
						all.add(new Stored(registered.get(i), ownEarlierLetter(screenings.get(i))));
					}
					return all;
				})
				.flatMap((all) -> recordKeys(batch, all).thenReturn(all))
				// Rolled back: these letters never existed.
				.doOnError((ex) -> {
					reserved.ids().forEach(SubmitLetter.this.duplicates::remove);
					SubmitLetter.this.uncommitted.rolledBack(reserved.ids());
				});
		}

	}

	/**
	 * Checks the letter's signature against the duplicate index (and adds it there), now
	 * that the letter has its id and time.
	 */
	private DuplicateScreening screenDuplicates(long letterId, Instant receivedAt, DuplicateSignature unnumbered) {
		DuplicateSignature signature = new DuplicateSignature(letterId, receivedAt, unnumbered.senderKey(),
				unnumbered.exactHash(), unnumbered.minHash());
		return switch (this.duplicates.checkAndAdd(signature)) {
			case DuplicateCheck.Unique unique ->
				new DuplicateScreening(letterId, signature.toBytes(), null, null, null);
			case DuplicateCheck.Exact exact -> new DuplicateScreening(letterId, signature.toBytes(),
					exact.earliestLetterId(), 1.0, exact.sameSender());
			case DuplicateCheck.Near near -> new DuplicateScreening(letterId, signature.toBytes(),
					near.earliestLetterId(), near.similarity(), near.sameSender());
		};
	}

	/**
	 * The earlier letter to name back to the writer: only their own. A campaign's other
	 * senders stay private.
	 */
	private static Long ownEarlierLetter(DuplicateScreening screening) {
		return Boolean.TRUE.equals(screening.sameSender()) ? screening.duplicateOf() : null;
	}

	/**
	 * The idempotency keys of those submissions that came with one, in one statement with
	 * an array per column (as {@code LetterRegistry.registerAll} writes the letters).
	 */
	private Mono<Void> recordKeys(List<Pending> batch, List<Stored> stored) {
		List<Integer> keyed = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			if (batch.get(i).keyHash() != null) {
				keyed.add(i);
			}
		}
		if (keyed.isEmpty()) {
			return Mono.empty();
		}
		HexFormat hex = HexFormat.of();
		String[] keys = new String[keyed.size()];
		String[] requests = new String[keyed.size()];
		Long[] letters = new Long[keyed.size()];
		String[] statuses = new String[keyed.size()];
		Instant[] times = new Instant[keyed.size()];
		for (int k = 0; k < keyed.size(); k++) {
			int i = keyed.get(k);
			RegisteredLetter letter = stored.get(i).letter();
			keys[k] = hex.formatHex(batch.get(i).keyHash());
			requests[k] = hex.formatHex(batch.get(i).requestHash());
			letters[k] = letter.id();
			statuses[k] = letter.state().code();
			times[k] = letter.receivedAt();
		}
		return this.db.sql("""
				insert into idempotency_keys (key_hash, request_hash, letter_id, first_status, created_at)
				select decode(k, 'hex'), decode(r, 'hex'), l, s, t
				from unnest(:keys::text[], :requests::text[], :letters::bigint[], :statuses::text[],
				            :times::timestamptz[]) as v (k, r, l, s, t)""")
			.bind("keys", keys)
			.bind("requests", requests)
			.bind("letters", letters)
			.bind("statuses", statuses)
			.bind("times", times)
			.then();
	}

	/**
	 * Stores one screened letter with what duplicate screening found. Alone in its
	 * transaction, it waits for the letter it repeats to be committed.
	 * @param alone whether the letter is alone in its transaction; if not (a failed batch
	 * written again one by one) it never waits, and a link to a letter of a transaction
	 * still open is left out
	 */
	private Mono<Stored> store(Pending pending, boolean alone) {
		Prepared prepared = pending.prepared();
		Slot slot = pending.slot();
		Mono<RegisteredLetter> registered = (slot != null)
				? this.registry.register(prepared.letter(), slot.trackingNumber(), slot.receivedAt())
				: this.registry.register(prepared.letter());
		return registered.flatMap((stored) -> {
			this.uncommitted.opened(pending.opening(), stored.id());
			DuplicateScreening found;
			synchronized (this.uncommitted) {
				found = screenDuplicates(stored.id(), stored.receivedAt(), prepared.signature());
			}
			boolean open = this.uncommitted.isOpen(found.duplicateOf());
			DuplicateScreening screening = (open && !alone)
					? new DuplicateScreening(found.letterId(), found.signature(), null, null, null) : found;
			Mono<Void> committed = (alone && open)
					? this.uncommitted.ended(Collections.singletonList(screening.duplicateOf()), Set.of())
					: Mono.empty();
			return committed.then(Mono.defer(() -> this.registry.recordDuplicateScreening(screening)))
				.thenReturn(new Stored(stored, ownEarlierLetter(screening)))
				.doOnError((ex) -> this.duplicates.remove(stored.id()));
		});
	}

	private static String senderKey(LetterSubmission letter, String clientIp) {
		if (letter.phone() != null) {
			return "phone:" + OwnContacts.digits(letter.phone());
		}
		if (letter.email() != null) {
			return "email:" + letter.email().toLowerCase(Locale.ROOT);
		}
		return "ip:" + clientIp;
	}

	/**
	 * The citizen's answer, naming their own earlier letter this one repeats: looked up
	 * after the commit, so a batch stays one statement.
	 */
	private Mono<SubmissionResult> answer(Stored stored, String code) {
		RegisteredLetter letter = stored.letter();
		Mono<Optional<String>> linkedTo = (stored.ownEarlierLetter() == null) ? Mono.just(Optional.empty())
				: this.registry.trackingNumber(stored.ownEarlierLetter()).map(Optional::of);
		return linkedTo.map((number) -> new SubmissionResult(letter.trackingNumber(), code, letter.state().code(),
				letter.receivedAt(), false, number.orElse(null)));
	}

	/**
	 * A committed letter and the id of the writer's own earlier letter it repeats, if
	 * any.
	 */
	private record Stored(RegisteredLetter letter, Long ownEarlierLetter) {
	}

	private record Prepared(NewLetter letter, DuplicateSignature signature) {
	}

	/**
	 * A screened letter waiting for its group commit, with its idempotency key if any,
	 * and its tracking number and row id once its batch has reserved them.
	 */
	private record Pending(Prepared prepared, byte[] keyHash, byte[] requestHash, Slot slot,
			UncommittedLetters.Opening opening) {

		Pending(Prepared prepared, byte[] keyHash, byte[] requestHash) {
			this(prepared, keyHash, requestHash, null, new UncommittedLetters.Opening());
		}

		Pending numbered(Slot reserved) {
			return new Pending(this.prepared, this.keyHash, this.requestHash, reserved, this.opening);
		}

	}

	/** A letter's share of its batch's {@link ReservedNumbers}. */
	private record Slot(String trackingNumber, long letterId, Instant receivedAt) {
	}

	/**
	 * The letter's fields in a fixed order, unambiguously separated, for the request
	 * hash.
	 */
	private static String canonical(LetterSubmission letter) {
		return Stream
			.of(letter.mailbox(), letter.nature(), letter.field(), letter.region(), letter.title(), letter.body(),
					letter.name(), letter.phone(), letter.email(), String.valueOf(letter.anonymous()),
					String.valueOf(letter.publicationConsent()))
			.map((value) -> (value == null) ? "-" : value.length() + ":" + value)
			.collect(Collectors.joining("|"));
	}

	private record Replay(byte[] requestHash, String status, String trackingNumber, Instant receivedAt,
			String linkedTo) {
	}

}
