package cn.mailbox.portal.intake;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.mailbox.moderation.letter.LetterRegistry;
import cn.mailbox.moderation.letter.LetterState;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.moderation.letter.NewLetter;
import cn.mailbox.moderation.letter.RegisteredLetter;
import cn.mailbox.portal.ratelimit.ContactLimiter;
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

	private final ContactLimiter contactLimiter;

	SubmitLetter(SubmissionValidator validator, LetterRegistry registry, DatabaseClient db,
			TransactionalOperator transaction, ServerSecrets secrets, ContactLimiter contactLimiter) {
		this.validator = validator;
		this.registry = registry;
		this.db = db;
		this.transaction = transaction;
		this.secrets = secrets;
		this.contactLimiter = contactLimiter;
	}

	/**
	 * @param idempotencyKey the client's key, or null
	 * @param channel how the letter came ({@code web}, {@code api})
	 */
	public Mono<SubmissionResult> submit(LetterSubmission submission, String idempotencyKey, String clientIp,
			String locale, String channel) {
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
			return store(letter, code, clientIp, locale, channel)
				.map((stored) -> result(stored.trackingNumber(), code, stored.state().code(), stored.receivedAt(),
						false))
				.as(this.transaction::transactional);
		}
		byte[] keyHash = AccessCodes.sha256("idempotency:" + idempotencyKey);
		byte[] requestHash = AccessCodes.sha256(canonical(letter));
		return this.secrets.accessCodeKey()
			.map((secret) -> AccessCodes.derive(secret, idempotencyKey))
			.flatMap((code) -> replay(keyHash, requestHash, code)
				.switchIfEmpty(
						Mono.defer(() -> storeOnce(letter, code, keyHash, requestHash, clientIp, locale, channel)))
				// Two retries racing: the loser's insert of the key fails, and it answers
				// as a replay.
				.onErrorResume(DataIntegrityViolationException.class, (ex) -> replay(keyHash, requestHash, code)));
	}

	private Mono<SubmissionResult> storeOnce(LetterSubmission letter, String code, byte[] keyHash, byte[] requestHash,
			String clientIp, String locale, String channel) {
		return store(letter, code, clientIp, locale, channel)
			.flatMap((stored) -> this.db.sql("""
					insert into idempotency_keys (key_hash, request_hash, letter_id, first_status, created_at)
					values (:key, :request, :letter, :status, :at)""")
				.bind("key", keyHash)
				.bind("request", requestHash)
				.bind("letter", stored.id())
				.bind("status", stored.state().code())
				.bind("at", stored.receivedAt())
				.then()
				.thenReturn(result(stored.trackingNumber(), code, stored.state().code(), stored.receivedAt(), false)))
			.as(this.transaction::transactional);
	}

	private Mono<SubmissionResult> replay(byte[] keyHash, byte[] requestHash, String code) {
		return this.db.sql("""
				select k.request_hash, k.first_status, l.tracking_number, l.received_at
				from idempotency_keys k join letters l on l.id = k.letter_id where k.key_hash = :key""")
			.bind("key", keyHash)
			.map((row) -> new Replay(row.get("request_hash", byte[].class), row.get("first_status", String.class),
					row.get("tracking_number", String.class), row.get("received_at", Instant.class)))
			.one()
			.flatMap((replay) -> java.security.MessageDigest.isEqual(replay.requestHash(), requestHash)
					? Mono.just(result(replay.trackingNumber(), code, replay.status(), replay.receivedAt(), true))
					: Mono.error(new IdempotencyKeyReused()));
	}

	private Mono<RegisteredLetter> store(LetterSubmission letter, String code, String clientIp, String locale,
			String channel) {
		Nature nature = Nature.fromCode(letter.nature()).orElseThrow();
		boolean anonymous = Boolean.TRUE.equals(letter.anonymous());
		// Domain rule: anonymous letters (of natures that allow them) are kept but not
		// handled (缓办).
		LetterState initial = anonymous ? LetterState.DEFERRED : LetterState.RECEIVED;
		NewLetter newLetter = new NewLetter(letter.mailbox(), nature, letter.field(), letter.region(), letter.title(),
				letter.body(), letter.name(), letter.phone(), letter.email(), anonymous,
				Boolean.TRUE.equals(letter.publicationConsent()), channel, clientIp, locale, AccessCodes.hash(code),
				initial);
		// Counted only for letters actually stored, so a replayed retry costs nothing.
		return this.contactLimiter.check(letter.phone(), letter.email())
			.then(Mono.defer(() -> this.registry.register(newLetter)));
	}

	private static SubmissionResult result(String trackingNumber, String code, String status, Instant receivedAt,
			boolean replayed) {
		return new SubmissionResult(trackingNumber, code, status, receivedAt, replayed);
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

	private record Replay(byte[] requestHash, String status, String trackingNumber, Instant receivedAt) {
	}

}
