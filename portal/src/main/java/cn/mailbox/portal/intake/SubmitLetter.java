package cn.mailbox.portal.intake;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.mailbox.moderation.letter.LetterRegistry;
import cn.mailbox.moderation.letter.LetterState;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.moderation.letter.NewLetter;
import cn.mailbox.moderation.letter.RegisteredLetter;
import cn.mailbox.moderation.letter.Screening;
import cn.mailbox.portal.ratelimit.ContactLimiter;
import cn.mailbox.portal.screening.DuplicateCheck;
import cn.mailbox.portal.screening.DuplicateIndex;
import cn.mailbox.portal.screening.DuplicateSignature;
import cn.mailbox.portal.screening.FormSignals;
import cn.mailbox.portal.screening.ScopeFlag;
import cn.mailbox.portal.screening.ScopeScreen;
import cn.mailbox.portal.screening.ScreeningVerdict;
import cn.mailbox.portal.screening.SpamScreen;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Takes a citizen's letter in: validates it, stores it with its tracking number and the
 * hash of a fresh access code, and answers only after the transaction has committed. With
 * an Idempotency-Key a retry of the same letter gets the first answer again (same number,
 * same code), and a different letter under a used key is refused.
 */
@Component
public class SubmitLetter {

	private static final int MAX_IDEMPOTENCY_KEY = 200;

	private final SubmissionValidator validator;

	private final LetterRegistry registry;

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final ServerSecrets secrets;

	private final SpamScreen spamScreen;

	private final ScopeScreen scopeScreen;

	private final DuplicateIndex duplicates;

	private final ContactLimiter contactLimiter;

	SubmitLetter(SubmissionValidator validator, LetterRegistry registry, DatabaseClient db,
			TransactionalOperator transaction, ServerSecrets secrets, SpamScreen spamScreen, ScopeScreen scopeScreen,
			DuplicateIndex duplicates, ContactLimiter contactLimiter) {
		this.validator = validator;
		this.registry = registry;
		this.db = db;
		this.transaction = transaction;
		this.secrets = secrets;
		this.spamScreen = spamScreen;
		this.scopeScreen = scopeScreen;
		this.duplicates = duplicates;
		this.contactLimiter = contactLimiter;
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
			return store(letter, code, clientIp, locale, channel, form).map((stored) -> result(stored, code))
				.as(this.transaction::transactional);
		}
		byte[] keyHash = AccessCodes.sha256("idempotency:" + idempotencyKey);
		byte[] requestHash = AccessCodes.sha256(canonical(letter));
		return this.secrets.accessCodeKey()
			.map((secret) -> AccessCodes.derive(secret, idempotencyKey))
			.flatMap((code) -> replay(keyHash, requestHash, code)
				.switchIfEmpty(Mono
					.defer(() -> storeOnce(letter, code, keyHash, requestHash, clientIp, locale, channel, form)))
				// Two retries racing: the loser's insert of the key fails, and it answers
				// as a replay.
				.onErrorResume(DataIntegrityViolationException.class, (ex) -> replay(keyHash, requestHash, code)));
	}

	private Mono<SubmissionResult> storeOnce(LetterSubmission letter, String code, byte[] keyHash, byte[] requestHash,
			String clientIp, String locale, String channel, FormSignals form) {
		return store(letter, code, clientIp, locale, channel, form)
			.flatMap((stored) -> this.db.sql("""
					insert into idempotency_keys (key_hash, request_hash, letter_id, first_status, created_at)
					values (:key, :request, :letter, :status, :at)""")
				.bind("key", keyHash)
				.bind("request", requestHash)
				.bind("letter", stored.letter().id())
				.bind("status", stored.letter().state().code())
				.bind("at", stored.letter().receivedAt())
				.then()
				.thenReturn(result(stored, code)))
			.as(this.transaction::transactional);
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
	 * Screens and stores the letter: suspected spam is quarantined (never dropped), scope
	 * flags are kept for the moderator, and a letter repeating an earlier one is linked
	 * to the earliest.
	 */
	private Mono<Stored> store(LetterSubmission letter, String code, String clientIp, String locale, String channel,
			FormSignals form) {
		Nature nature = Nature.fromCode(letter.nature()).orElseThrow();
		boolean anonymous = Boolean.TRUE.equals(letter.anonymous());
		FormSignals signals = new FormSignals(letter.website(), form.fillTime());
		ScreeningVerdict verdict = this.spamScreen.screen(letter.title(), letter.body(), signals);
		Set<ScopeFlag> flags = this.scopeScreen.flags(letter.title(), letter.body());
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
		String sender = senderKey(letter, clientIp);
		// Counted only for letters actually stored, so a replayed retry costs nothing.
		return this.contactLimiter.check(letter.phone(), letter.email())
			.then(Mono.defer(() -> this.registry.register(newLetter)))
			.flatMap((stored) -> linkDuplicates(stored, sender, letter)
				.map((linkedTo) -> new Stored(stored, linkedTo.orElse(null)))
				.doOnError((ex) -> this.duplicates.remove(stored.id())));
	}

	/**
	 * Answers the tracking number to tell the citizen when they sent the same letter
	 * before.
	 */
	private Mono<Optional<String>> linkDuplicates(RegisteredLetter stored, String sender, LetterSubmission letter) {
		DuplicateSignature signature = this.duplicates.sign(stored.id(), stored.receivedAt(), sender, letter.title(),
				letter.body());
		return switch (this.duplicates.checkAndAdd(signature)) {
			case DuplicateCheck.Unique unique ->
				this.registry.recordDuplicateScreening(stored.id(), signature.toBytes(), null, null, null)
					.thenReturn(Optional.empty());
			case DuplicateCheck.Exact exact ->
				link(stored, signature, exact.earliestLetterId(), 1.0, exact.sameSender());
			case DuplicateCheck.Near near ->
				link(stored, signature, near.earliestLetterId(), near.similarity(), near.sameSender());
		};
	}

	private Mono<Optional<String>> link(RegisteredLetter stored, DuplicateSignature signature, long earliest,
			double similarity, boolean sameSender) {
		Mono<Void> recorded = this.registry.recordDuplicateScreening(stored.id(), signature.toBytes(), earliest,
				similarity, sameSender);
		// Only the writer's own earlier letter is named back to them: a campaign's other
		// senders stay private.
		return sameSender ? recorded.then(this.registry.trackingNumber(earliest)).map(Optional::of)
				: recorded.thenReturn(Optional.empty());
	}

	private static String senderKey(LetterSubmission letter, String clientIp) {
		if (letter.phone() != null) {
			return "phone:" + letter.phone().replaceAll("[^0-9]", "");
		}
		if (letter.email() != null) {
			return "email:" + letter.email().toLowerCase(Locale.ROOT);
		}
		return "ip:" + clientIp;
	}

	private static SubmissionResult result(Stored stored, String code) {
		RegisteredLetter letter = stored.letter();
		return new SubmissionResult(letter.trackingNumber(), code, letter.state().code(), letter.receivedAt(), false,
				stored.linkedTo());
	}

	private record Stored(RegisteredLetter letter, String linkedTo) {
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
