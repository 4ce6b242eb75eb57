package cn.mailbox.portal.console;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.Role;
import cn.mailbox.moderation.workflow.StaffLetterSummary;
import cn.mailbox.moderation.workflow.StaffLetters;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the console reads beyond the workflow's own queries: the duplicates queue, and the
 * units and leaders its forms offer.
 */
@Component
class ConsoleQueries {

	private static final String DUPLICATES = """
			from letters l
			join letter_screening s on s.letter_id = l.id
			where s.duplicate_of is not null and l.state in ('received','quarantined') and\s""";

	private final DatabaseClient db;

	private final StaffLetters letters;

	private final Clock clock;

	ConsoleQueries(DatabaseClient db, StaffLetters letters, Clock clock) {
		this.db = db;
		this.letters = letters;
		this.clock = clock;
	}

	/**
	 * Letters still waiting for triage that repeat an earlier one (screening found a
	 * near-duplicate), oldest first. Only those who triage see this queue: the mayor's
	 * mailbox (and administrators) everything, a unit mailbox's moderators their own.
	 */
	Flux<StaffLetterSummary> duplicates(Actor actor, int page) {
		String condition = triageCondition(actor);
		if (condition == null) {
			return Flux.empty();
		}
		var spec = this.db
			.sql("select l.tracking_number, l.state, l.mailbox, l.nature, l.title, l.received_at, "
					+ "l.current_unit, l.deadline_at " + DUPLICATES + condition
					+ " order by l.received_at, l.id limit :limit offset :offset")
			.bind("limit", StaffLetters.PAGE_SIZE)
			.bind("offset", (Math.max(page, 1) - 1) * StaffLetters.PAGE_SIZE);
		if (condition.contains(":unit")) {
			spec = spec.bind("unit", actor.unit());
		}
		return spec
			.map((row) -> new StaffLetterSummary(row.get("tracking_number", String.class),
					row.get("state", String.class), row.get("mailbox", String.class), row.get("nature", String.class),
					row.get("title", String.class), row.get("received_at", Instant.class),
					row.get("current_unit", String.class), row.get("deadline_at", Instant.class), false))
			.all();
	}

	Mono<Long> duplicateCount(Actor actor) {
		String condition = triageCondition(actor);
		if (condition == null) {
			return Mono.just(0L);
		}
		var spec = this.db.sql("select count(*) as n " + DUPLICATES + condition);
		if (condition.contains(":unit")) {
			spec = spec.bind("unit", actor.unit());
		}
		return spec.map((row) -> row.get("n", Long.class)).one();
	}

	/**
	 * A work queue, as {@link StaffLetters#queue}. For those who see every letter it is
	 * read here: {@code StaffLetters} runs {@code "...where" + "true"} together (a text
	 * block drops the trailing space), which PostgreSQL refuses. Everyone else gets
	 * {@code StaffLetters}' own query.
	 */
	Flux<StaffLetterSummary> queue(Actor actor, String state, int page) {
		if (!seesEverything(actor)) {
			return this.letters.queue(actor, state, null, null, page);
		}
		Instant now = this.clock.instant();
		String condition = "overdue".equals(state) ? "deadline_at < :now and state in ('assigned','in_progress')"
				: "state = :state";
		var spec = this.db.sql("""
				select tracking_number, state, mailbox, nature, title, received_at, current_unit, deadline_at
				from letters where\s""" + condition + " order by received_at, id limit :limit offset :offset")
			.bind("limit", StaffLetters.PAGE_SIZE)
			.bind("offset", (Math.max(page, 1) - 1) * StaffLetters.PAGE_SIZE);
		spec = "overdue".equals(state) ? spec.bind("now", now) : spec.bind("state", state);
		return spec.map((row) -> {
			Instant deadline = row.get("deadline_at", Instant.class);
			String current = row.get("state", String.class);
			boolean open = "assigned".equals(current) || "in_progress".equals(current);
			return new StaffLetterSummary(row.get("tracking_number", String.class), current,
					row.get("mailbox", String.class), row.get("nature", String.class), row.get("title", String.class),
					row.get("received_at", Instant.class), row.get("current_unit", String.class), deadline,
					open && deadline != null && now.isAfter(deadline));
		}).all();
	}

	/**
	 * Letters per state and overdue, as {@link StaffLetters#counts} (see {@link #queue}).
	 */
	Mono<Map<String, Long>> counts(Actor actor) {
		if (!seesEverything(actor)) {
			return this.letters.counts(actor);
		}
		return this.db.sql("""
				select state as queue, count(*) as n from letters group by state
				union all select 'overdue', count(*) from letters
				where deadline_at < :now and state in ('assigned','in_progress')""")
			.bind("now", this.clock.instant())
			.map((row) -> Map.entry(row.get("queue", String.class), row.get("n", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** Unit code to name, by name. */
	Mono<Map<String, String>> units() {
		return this.db.sql("select code, name from units order by name, code")
			.map((row) -> Map.entry(row.get("code", String.class), row.get("name", String.class)))
			.all()
			.collect(LinkedHashMap::new, (units, unit) -> units.put(unit.getKey(), unit.getValue()));
	}

	/** The accounts a letter can be escalated to. */
	Flux<String> leaders() {
		return this.db.sql("select username from staff_users where enabled and 'leader' = any(roles) order by username")
			.map((row) -> row.get("username", String.class))
			.all();
	}

	private static boolean seesEverything(Actor actor) {
		return actor.has(Role.ADMIN) || (actor.has(Role.MODERATOR) && actor.mayorsMailbox());
	}

	private static String triageCondition(Actor actor) {
		if (seesEverything(actor)) {
			return "true";
		}
		if (actor.has(Role.MODERATOR) && actor.unit() != null) {
			return "not l.restricted and l.mailbox = :unit";
		}
		return null;
	}

}
