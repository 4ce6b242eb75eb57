package cn.mailbox.portal.console;

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

	ConsoleQueries(DatabaseClient db) {
		this.db = db;
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
