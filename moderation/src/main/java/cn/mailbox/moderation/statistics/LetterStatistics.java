package cn.mailbox.moderation.statistics;

import java.time.LocalDate;
import java.time.YearMonth;

import cn.mailbox.moderation.letter.LetterSettings;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Public statistics from the moderation tables (api.md: received, replied, satisfaction
 * rate per unit and nature). Investigations (restricted letters) are never counted: even
 * their number is not for the public. Suspected and confirmed spam is not a letter
 * received.
 */
@Component
public class LetterStatistics {

	private final DatabaseClient db;

	private final LetterSettings settings;

	LetterStatistics(DatabaseClient db, LetterSettings settings) {
		this.db = db;
		this.settings = settings;
	}

	/**
	 * Letters received from {@code from} to {@code to} (days in the deployment's zone,
	 * both included; null for open-ended), counted per unit, nature and calendar month
	 * received (in the deployment's zone): the API adds the months up and decides from
	 * them which satisfaction rates it may publish (a month with one rating must not be
	 * found by subtracting one window from another).
	 */
	public Flux<MonthlyHandlingStatistics> perUnitNatureAndMonth(LocalDate from, LocalDate to) {
		LocalDate first = (from != null) ? from : LocalDate.of(1900, 1, 1);
		LocalDate last = (to != null) ? to : LocalDate.of(9999, 12, 30);
		return this.db
			.sql("""
					select coalesce(u.unit, '') as unit, l.nature,
					       to_char(l.received_at at time zone :zone, 'YYYY-MM') as month,
					       count(*) as received,
					       count(*) filter (where l.reply_approved_at is not null) as replied,
					       count(*) filter (where l.feedback_satisfaction is not null) as rated,
					       count(*) filter (where l.feedback_satisfaction in ('satisfied', 'basically_satisfied')) as satisfied
					from letters l
					left join lateral unnest(l.assigned_units) as u(unit) on true
					where l.received_at >= :from and l.received_at < :to
					  and not l.restricted and l.state <> 'quarantined'
					  and not exists (select 1 from letter_events e where e.letter_id = l.id and e.action = 'confirm_spam')
					group by 1, 2, 3
					order by 1, 2, 3""")
			.bind("zone", this.settings.zone().getId())
			.bind("from", first.atStartOfDay(this.settings.zone()).toInstant())
			.bind("to", last.plusDays(1).atStartOfDay(this.settings.zone()).toInstant())
			.map((row) -> new MonthlyHandlingStatistics(row.get("unit", String.class), row.get("nature", String.class),
					YearMonth.parse(row.get("month", String.class)), row.get("received", Long.class),
					row.get("replied", Long.class), row.get("rated", Long.class), row.get("satisfied", Long.class)))
			.all();
	}

	/**
	 * Every day with letters received, per unit and nature and for the whole mailbox,
	 * counted by the same rules as {@link #perUnitNatureAndMonth}: the public statistics
	 * pages group the days into weeks and months themselves. Only counts leave this
	 * method, never a rating or a comment.
	 */
	public Flux<DailyHandlingStatistics> perUnitAndDay() {
		return this.db
			.sql("""
					select x.unit, x.nature, x.day,
					       count(distinct x.id) as received,
					       count(distinct x.id) filter (where x.replied) as replied,
					       count(distinct x.id) filter (where x.rated) as rated,
					       count(distinct x.id) filter (where x.satisfied) as satisfied
					from (select l.id, coalesce(u.unit, '') as unit, l.nature, (l.received_at at time zone :zone)::date as day,
					             l.reply_approved_at is not null as replied,
					             l.feedback_satisfaction is not null as rated,
					             l.feedback_satisfaction in ('satisfied', 'basically_satisfied') as satisfied
					      from letters l
					      left join lateral unnest(l.assigned_units) as u(unit) on true
					      where not l.restricted and l.state <> 'quarantined'
					        and not exists (select 1 from letter_events e where e.letter_id = l.id and e.action = 'confirm_spam')) x
					group by grouping sets ((x.day, x.unit, x.nature), (x.day))
					order by x.day, x.unit nulls first, x.nature""")
			.bind("zone", this.settings.zone().getId())
			.map((row) -> new DailyHandlingStatistics(row.get("unit", String.class), row.get("nature", String.class),
					row.get("day", LocalDate.class), row.get("received", Long.class), row.get("replied", Long.class),
					row.get("rated", Long.class), row.get("satisfied", Long.class)))
			.all();
	}

}
