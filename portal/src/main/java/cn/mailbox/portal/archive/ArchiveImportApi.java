package cn.mailbox.portal.archive;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.portal.staff.StaffActors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.mailbox.publication.PublicRecord;
import cn.mailbox.publication.Publisher;
import cn.mailbox.publication.indexing.ArchiveIndexer;

/**
 * Migrates an existing public archive: NDJSON, one letter per line, each redacted
 * automatically and published under its own number. A bad line is reported with its
 * number and does not stop the others. The call returns once the imported letters are
 * searchable. The body is read line by line as it arrives, so its size is not bounded by
 * the JSON codec's in-memory limit (each line is, at 1 MB).
 */
@RestController
class ArchiveImportApi {

	static final Set<String> ROLES = Set.of("ROLE_ADMIN", "ROLE_MODERATOR");

	static final int MAX_LINE_BYTES = 1024 * 1024;

	/** Lines published per transaction. */
	static final int CHUNK = 200;

	private static final Logger log = LoggerFactory.getLogger(ArchiveImportApi.class);

	static final Duration INDEXING_TIMEOUT = Duration.ofMinutes(2);

	private final ImportRecords records;

	private final Publisher publisher;

	private final ArchiveIndexer indexer;

	private final JsonMapper json;

	private final MessageSource messages;

	private final Clock clock;

	private final StringDecoder lines = StringDecoder.allMimeTypes(List.of("\n"), true);

	private final StaffActors actors;

	ArchiveImportApi(ImportRecords records, Publisher publisher, ArchiveIndexer indexer, JsonMapper json,
			MessageSource messages, Clock clock, StaffActors actors) {
		this.actors = actors;
		this.records = records;
		this.publisher = publisher;
		this.indexer = indexer;
		this.json = json;
		this.messages = messages;
		this.clock = clock;
		this.lines.setMaxInMemorySize(MAX_LINE_BYTES);
	}

	@PostMapping(path = "/api/v1/staff/archive/import", consumes = { "application/x-ndjson", "application/jsonl" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ImportResult> importArchive(ServerWebExchange exchange) {
		Locale locale = exchange.getLocaleContext().getLocale();
		return exchange.getPrincipal()
			.filter(ArchiveImportApi::mayImport)
			.as(this.actors::of)
			// The import publishes under any unit: a unit mailbox's moderator reaches
			// only
			// that mailbox (Visibility), so only administrators and the mayor's mailbox
			// may.
			.filter(Actor::mayorsMailbox)
			.switchIfEmpty(Mono.error(ImportForbidden::new))
			.flatMap((actor) -> importLines(lines(exchange.getRequest().getBody()), locale));
	}

	private Flux<String> lines(Flux<DataBuffer> body) {
		return this.lines.decode(body, ResolvableType.forClass(String.class), null, null);
	}

	private Mono<ImportResult> importLines(Flux<String> lines, Locale locale) {
		Tally tally = new Tally();
		// Converting a line runs the redactor (CPU work with a statistical model): off
		// the event loop.
		return lines.publishOn(Schedulers.boundedElastic())
			.index()
			.filter((numbered) -> !numbered.getT2().isBlank())
			.<Candidate>handle((numbered, sink) -> {
				Candidate candidate = check(numbered.getT1() + 1, numbered.getT2(), tally, locale);
				if (candidate != null) {
					sink.next(candidate);
				}
			})
			.buffer(CHUNK)
			.concatMap((chunk) -> publishChunk(chunk, tally, locale))
			.then(Mono.fromRunnable(tally::stored))
			.then(Mono.defer(() -> awaitSearchable(tally)))
			.doOnSuccess((none) -> tally.logTimes())
			.then(Mono.fromSupplier(tally::result));
	}

	/** The record a line becomes, or {@code null} after noting why it is refused. */
	private Candidate check(long number, String text, Tally tally, Locale locale) {
		ImportRecords.Outcome outcome = this.records.convert(parse(text), this.clock.instant());
		return switch (outcome) {
			case ImportRecords.Accepted accepted -> new Candidate(number, accepted.record());
			case ImportRecords.Refused refused -> {
				tally.reject(number, reason(refused.code(), refused.field(), locale));
				yield null;
			}
		};
	}

	/**
	 * Publishes a chunk in one transaction (far fewer commits than one per line); if the
	 * database refuses any of it, publishes its lines one by one so only the bad line is
	 * reported.
	 */
	private Mono<Void> publishChunk(List<Candidate> chunk, Tally tally, Locale locale) {
		List<PublicRecord> records = chunk.stream().map(Candidate::record).toList();
		return this.publisher.publishAll(records)
			.doOnNext((last) -> tally.published(records.size(), last))
			.then()
			.onErrorResume((ex) -> {
				log.warn("Archive import: a chunk of {} lines was refused ({}); storing them one by one", chunk.size(),
						NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
				return Flux.fromIterable(chunk).concatMap((candidate) -> publishOne(candidate, tally, locale)).then();
			});
	}

	private Mono<Void> publishOne(Candidate candidate, Tally tally, Locale locale) {
		return this.publisher.publish(candidate.record())
			.doOnNext((sequence) -> tally.published(1, sequence))
			.onErrorResume((ex) -> {
				log.warn("Archive import: line {} ({}) could not be stored: {}", candidate.line(),
						candidate.record().trackingNumber(), ex.toString());
				tally.reject(candidate.line(), reason("failed", "", locale));
				return Mono.empty();
			})
			.then();
	}

	private ImportLine parse(String text) {
		try {
			return this.json.readValue(text, ImportLine.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private Mono<Void> awaitSearchable(Tally tally) {
		return (tally.lastSequence > 0) ? this.indexer.awaitIndexed(tally.lastSequence).timeout(INDEXING_TIMEOUT)
				: Mono.empty();
	}

	private String reason(String code, String field, Locale locale) {
		return this.messages.getMessage("archive.import." + code, new Object[] { field }, locale);
	}

	private static boolean mayImport(Principal principal) {
		return principal instanceof Authentication authentication && authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(ROLES::contains);
	}

	/** A line that passed the checks, with its number. */
	private record Candidate(long line, PublicRecord record) {

	}

	/** Counts of one import; lines are handled one after another, never concurrently. */
	private static final class Tally {

		long imported;

		long lastSequence;

		final long started = System.nanoTime();

		long storedAt;

		final List<ImportResult.Rejected> rejected = new ArrayList<>();

		void published(int count, long sequence) {
			this.imported += count;
			this.lastSequence = Math.max(this.lastSequence, sequence);
		}

		void reject(long line, String reason) {
			this.rejected.add(new ImportResult.Rejected(line, reason));
		}

		void stored() {
			this.storedAt = System.nanoTime();
		}

		void logTimes() {
			log.info("Archive import: {} published, {} rejected; stored in {} ms, searchable {} ms later",
					this.imported, this.rejected.size(), (this.storedAt - this.started) / 1_000_000,
					(System.nanoTime() - this.storedAt) / 1_000_000);
		}

		ImportResult result() {
			return new ImportResult(this.imported,
					this.rejected.stream().sorted(Comparator.comparingLong(ImportResult.Rejected::line)).toList());
		}

	}

}
