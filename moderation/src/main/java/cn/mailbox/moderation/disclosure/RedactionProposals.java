package cn.mailbox.moderation.disclosure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.mailbox.moderation.redaction.DenyList;
import cn.mailbox.moderation.redaction.LabelStyle;
import cn.mailbox.moderation.redaction.RedactionKind;
import cn.mailbox.moderation.redaction.RedactionResult;
import cn.mailbox.moderation.redaction.RedactionSettings;
import cn.mailbox.moderation.redaction.RedactionSpan;
import cn.mailbox.moderation.redaction.Redactor;
import cn.mailbox.moderation.workflow.ActionKind;
import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.LetterHandling;
import cn.mailbox.moderation.workflow.Refusal;
import cn.mailbox.moderation.workflow.StaffLetterView;
import cn.mailbox.moderation.workflow.StaffLetterView.RedactionProposal;
import cn.mailbox.moderation.workflow.StaffLetters;
import cn.mailbox.moderation.workflow.StepListener;
import cn.mailbox.moderation.workflow.Transition;
import cn.mailbox.moderation.workflow.WorkflowAction;
import cn.mailbox.moderation.workflow.WorkflowRefused;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Redaction proposals and their storage (脱敏建议). When a reply is approved the letter, its
 * reply and its title get proposals from the {@link Redactor} (with the writer's own
 * fields as deny list), stored in {@code redaction_proposals}. A moderator then sends the
 * full reviewed list: proposals in the list are accepted, the others removed, new spans
 * added. Disclosure reads the result through {@link #redacted}, which is the only way out
 * of this class for letter text, and only ever redacted. {@link RedactionReview} is the
 * staff-facing side.
 * <p>
 * The writer's own name, phone and e-mail are redacted whatever the review says: they are
 * looked for again when the text is redacted and added to the approved spans.
 */
@Component
class RedactionProposals implements StepListener {

	static final String LETTER = "letter";

	static final String REPLY = "reply";

	static final String TITLE = "title";

	private final DatabaseClient db;

	private final Redactor redactor;

	/** Finds only the writer's own fields: no detectors, the deny list alone. */
	private final Redactor writerOnly = new Redactor(new RedactionSettings(0.5, Set.of(), false));

	private final LabelStyle style;

	private final Clock clock;

	RedactionProposals(DatabaseClient db, Redactor redactor, RedactionProperties properties, Clock clock) {
		this.db = db;
		this.redactor = redactor;
		this.style = properties.style();
		this.clock = clock;
	}

	/** Proposes redactions when a reply is approved (a new reply after 复查 too). */
	@Override
	public Mono<Void> afterStep(long letterId, String trackingNumber, Transition transition) {
		return (transition.action() instanceof WorkflowAction.Approve) ? propose(letterId) : Mono.empty();
	}

	/** Computes fresh proposals for the letter, replacing any earlier ones. */
	Mono<Void> propose(long letterId) {
		return read(letterId).flatMap((texts) -> Mono.fromCallable(() -> detect(texts))
			// HanLP and the rules are CPU work: off the event loop.
			.subscribeOn(Schedulers.boundedElastic())).flatMap((rows) -> replace(letterId, rows, null));
	}

	/** Stores a reviewed list for a letter, in the caller's transaction. */
	Mono<Void> review(long letterId, String reviewer, List<ReviewedSpan> reviewed) {
		return read(letterId).flatMap((texts) -> ensureProposals(letterId).then(stored(letterId))
			.flatMap((existing) -> Mono.fromCallable(() -> merge(texts, existing, validate(texts, reviewed), reviewer)))
			.flatMap((rows) -> replace(letterId, rows, reviewer)));
	}

	/**
	 * The title, letter and reply with the reviewed redactions and the writer's own
	 * fields replaced; a part not asked for is {@code null}. Letters approved before
	 * proposals existed get them now.
	 */
	Mono<RedactionPreview> redacted(long letterId, boolean letter, boolean reply) {
		return read(letterId).flatMap((texts) -> ensureProposals(letterId).then(stored(letterId))
			.flatMap((rows) -> Mono.fromCallable(() -> apply(texts, rows, letter, reply))
				.subscribeOn(Schedulers.boundedElastic())));
	}

	private Mono<Void> ensureProposals(long letterId) {
		return this.db.sql("select count(*) as n from redaction_proposals where letter_id = :id")
			.bind("id", letterId)
			.map((row) -> row.get("n", Long.class))
			.one()
			.flatMap((count) -> (count > 0) ? Mono.empty() : propose(letterId));
	}

	private Mono<LetterTexts> read(long letterId) {
		return this.db.sql("""
				select title, body, reply_text, writer_name, writer_phone, writer_email from letters where id = :id""")
			.bind("id", letterId)
			.map((row) -> new LetterTexts(row.get("title", String.class), row.get("body", String.class),
					row.get("reply_text", String.class),
					new DenyList(row.get("writer_name", String.class), row.get("writer_phone", String.class),
							row.get("writer_email", String.class), null, null)))
			.one();
	}

	private Mono<List<RedactionProposal>> stored(long letterId) {
		return this.db.sql("""
				select target, start_offset, end_offset, kind, text, score, explanation, status, writer_field
				from redaction_proposals where letter_id = :id order by id""")
			.bind("id", letterId)
			.map(RedactionProposals::proposal)
			.all()
			.collectList();
	}

	private Mono<Void> replace(long letterId, List<RedactionProposal> rows, String reviewer) {
		Mono<Void> delete = this.db.sql("delete from redaction_proposals where letter_id = :id")
			.bind("id", letterId)
			.then();
		return delete.thenMany(Flux.fromIterable(rows).concatMap((row) -> insert(letterId, row, reviewer))).then();
	}

	private Mono<Void> insert(long letterId, RedactionProposal row, String reviewer) {
		var insert = this.db.sql("""
				insert into redaction_proposals (letter_id, target, start_offset, end_offset, kind, text, score,
				                                 explanation, status, writer_field, reviewed_by, reviewed_at)
				values (:letter, :target, :start, :end, :kind, :text, :score, :explanation, :status, :writer,
				        :reviewer, :at)""")
			.bind("letter", letterId)
			.bind("target", row.target())
			.bind("start", row.start())
			.bind("end", row.end())
			.bind("kind", row.kind())
			.bind("text", row.text())
			.bind("score", row.score())
			.bind("explanation", row.explanation())
			.bind("status", row.status())
			.bind("writer", row.writerField());
		insert = (reviewer != null) ? insert.bind("reviewer", reviewer).bind("at", this.clock.instant())
				: insert.bindNull("reviewer", String.class).bindNull("at", java.time.Instant.class);
		return insert.then();
	}

	private List<RedactionProposal> detect(LetterTexts texts) {
		RedactionResult found = this.redactor.detectLetter(texts.body(), texts.replyOrEmpty(), texts.writer());
		WriterSpans writer = writerSpans(texts);
		List<RedactionProposal> rows = new ArrayList<>();
		add(rows, TITLE, texts.title(), this.redactor.detect(texts.title(), texts.writer()), writer);
		add(rows, LETTER, texts.body(), found.letterSpans(), writer);
		add(rows, REPLY, texts.replyOrEmpty(), found.replySpans(), writer);
		return rows;
	}

	private static void add(List<RedactionProposal> rows, String target, String text, List<RedactionSpan> spans,
			WriterSpans writer) {
		for (RedactionSpan span : spans) {
			rows.add(new RedactionProposal(target, span.start(), span.end(), span.kind().name(),
					text.substring(span.start(), span.end()), span.score(), span.explanation(), "proposed",
					writer.covers(target, span.start(), span.end())));
		}
	}

	private WriterSpans writerSpans(LetterTexts texts) {
		RedactionResult both = this.writerOnly.detectLetter(texts.body(), texts.replyOrEmpty(), texts.writer());
		return new WriterSpans(this.writerOnly.detect(texts.title(), texts.writer()), both.letterSpans(),
				both.replySpans());
	}

	/** Every problem of the list at once, or the spans it asks for. */
	static List<Valid> validate(LetterTexts texts, List<ReviewedSpan> reviewed) {
		List<RedactionsRejected.Problem> problems = new ArrayList<>();
		List<Valid> valid = new ArrayList<>();
		List<ReviewedSpan> spans = (reviewed != null) ? reviewed : List.of();
		for (int i = 0; i < spans.size(); i++) {
			ReviewedSpan span = spans.get(i);
			String field = "redactions[" + i + "].";
			int before = problems.size();
			if (span == null) {
				problems.add(new RedactionsRejected.Problem("redactions[" + i + "]", "redaction.target"));
				continue;
			}
			String text = (span.target() != null) ? texts.of(span.target()) : null;
			if (span.target() == null || !List.of(LETTER, REPLY, TITLE).contains(span.target())) {
				problems.add(new RedactionsRejected.Problem(field + "target", "redaction.target"));
			}
			else if (text == null) {
				problems.add(new RedactionsRejected.Problem(field + "target", "redaction.noReply"));
			}
			Optional<RedactionKind> kind = kind(span.kind());
			if (kind.isEmpty()) {
				problems.add(new RedactionsRejected.Problem(field + "kind", "redaction.kind"));
			}
			if (span.start() == null || span.start() < 0) {
				problems.add(new RedactionsRejected.Problem(field + "start", "redaction.start"));
			}
			else if (span.end() == null || span.end() <= span.start()) {
				problems.add(new RedactionsRejected.Problem(field + "end", "redaction.end"));
			}
			else if (text != null && span.end() > text.length()) {
				problems.add(new RedactionsRejected.Problem(field + "end", "redaction.outside"));
			}
			if (problems.size() == before) {
				valid.add(new Valid(i, span.target(), span.start(), span.end(), kind.get()));
			}
		}
		List<Valid> sorted = new ArrayList<>(valid);
		sorted.sort(Comparator.comparing(Valid::target).thenComparingInt(Valid::start));
		for (int i = 1; i < sorted.size(); i++) {
			Valid previous = sorted.get(i - 1);
			Valid next = sorted.get(i);
			if (previous.target().equals(next.target()) && next.start() < previous.end()) {
				problems
					.add(new RedactionsRejected.Problem("redactions[" + next.index() + "].start", "redaction.overlap"));
			}
		}
		if (!problems.isEmpty()) {
			throw new RedactionsRejected(problems);
		}
		return valid;
	}

	/**
	 * The reviewed list over the stored proposals: listed proposals are accepted (with
	 * the kind the moderator gave), unlisted ones removed, new spans added. The writer's
	 * own fields stay accepted.
	 */
	private static List<RedactionProposal> merge(LetterTexts texts, List<RedactionProposal> existing,
			List<Valid> reviewed, String reviewer) {
		Map<String, RedactionProposal> byPlace = new LinkedHashMap<>();
		for (RedactionProposal proposal : existing) {
			byPlace.putIfAbsent(place(proposal.target(), proposal.start(), proposal.end()), proposal);
		}
		List<RedactionProposal> rows = new ArrayList<>();
		for (Valid span : reviewed) {
			RedactionProposal known = byPlace.remove(place(span.target(), span.start(), span.end()));
			String text = texts.of(span.target()).substring(span.start(), span.end());
			rows.add((known != null)
					? new RedactionProposal(known.target(), known.start(), known.end(), span.kind().name(), text,
							known.score(), known.explanation(), "accepted", known.writerField())
					: new RedactionProposal(span.target(), span.start(), span.end(), span.kind().name(), text, 1.0,
							"added by " + reviewer, "added", false));
		}
		for (RedactionProposal left : byPlace.values()) {
			rows.add(new RedactionProposal(left.target(), left.start(), left.end(), left.kind(), left.text(),
					left.score(), left.explanation(), left.writerField() ? "accepted" : "removed", left.writerField()));
		}
		return rows;
	}

	private RedactionPreview apply(LetterTexts texts, List<RedactionProposal> rows, boolean letter, boolean reply) {
		WriterSpans writer = writerSpans(texts);
		String title = apply(texts.title(), approved(rows, TITLE, writer.title()));
		String body = letter ? apply(texts.body(), approved(rows, LETTER, writer.letter())) : null;
		String answer = (reply && texts.reply() != null) ? apply(texts.reply(), approved(rows, REPLY, writer.reply()))
				: null;
		return new RedactionPreview(title, body, answer);
	}

	private String apply(String text, List<RedactionSpan> spans) {
		return this.redactor.apply(text, spans, this.style);
	}

	private static List<RedactionSpan> approved(List<RedactionProposal> rows, String target,
			List<RedactionSpan> writer) {
		List<RedactionSpan> spans = new ArrayList<>(writer);
		for (RedactionProposal row : rows) {
			if (row.target().equals(target) && (row.writerField() || !"removed".equals(row.status()))) {
				spans.add(new RedactionSpan(RedactionKind.valueOf(row.kind()), row.start(), row.end(), row.score(),
						row.explanation()));
			}
		}
		return spans;
	}

	private static Optional<RedactionKind> kind(String code) {
		if (code == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(RedactionKind.valueOf(code.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String place(String target, int start, int end) {
		return target + ":" + start + ":" + end;
	}

	private static RedactionProposal proposal(Readable row) {
		return new RedactionProposal(row.get("target", String.class), row.get("start_offset", Integer.class),
				row.get("end_offset", Integer.class), row.get("kind", String.class), row.get("text", String.class),
				row.get("score", Double.class), row.get("explanation", String.class), row.get("status", String.class),
				Boolean.TRUE.equals(row.get("writer_field", Boolean.class)));
	}

	/** The private texts of one letter: read here, never passed out of this class. */
	record LetterTexts(String title, String body, String reply, DenyList writer) {

		String replyOrEmpty() {
			return (this.reply != null) ? this.reply : "";
		}

		String of(String target) {
			return switch (target) {
				case LETTER -> this.body;
				case REPLY -> this.reply;
				case TITLE -> this.title;
				default -> null;
			};
		}

	}

	/** One span of a reviewed list that passed validation. */
	record Valid(int index, String target, int start, int end, RedactionKind kind) {
	}

	/** Where the writer's own fields occur, per text. */
	private record WriterSpans(List<RedactionSpan> title, List<RedactionSpan> letter, List<RedactionSpan> reply) {

		boolean covers(String target, int start, int end) {
			List<RedactionSpan> spans = switch (target) {
				case TITLE -> this.title;
				case LETTER -> this.letter;
				default -> this.reply;
			};
			return spans.stream().anyMatch((span) -> span.start() <= start && end <= span.end());
		}

	}

}
