package cn.mailbox.portal.database;

import java.time.Duration;
import java.util.stream.Collectors;

import cn.mailbox.portal.PortalIntegrationTest;
import io.r2dbc.spi.Result;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A unit's work queue can be read from the partial GIN index {@code letters_units_idx} in
 * the form the queues ask it ({@code Visibility.assignedTo} in moderation), which the
 * earlier form could not. Sequential scans are switched off for the plan, so the test
 * asks what the index can serve, not what the planner prefers on a small test table.
 */
@PortalIntegrationTest
class UnitsIndexIntegrationTests {

	@Autowired
	DatabaseClient db;

	@Test
	void servesAUnitsQueueFromTheUnitsIndex() {
		assertThat(plan(
				"(not restricted and (assigned_units <> '{}' and assigned_units @> array[cast('water' as text)]))"))
			.contains("letters_units_idx");
	}

	@Test
	void couldNotServeTheEarlierFormOfTheQuestion() {
		assertThat(plan("(not restricted and 'water' = any(assigned_units))")).doesNotContain("letters_units_idx");
	}

	@Test
	void leavesLettersNotYetAssignedOutOfTheUnitsIndex() {
		String definition = this.db.sql("select indexdef from pg_indexes where indexname = 'letters_units_idx'")
			.map((row) -> row.get("indexdef", String.class))
			.one()
			.block(Duration.ofSeconds(30));
		assertThat(definition).contains("USING gin (assigned_units)")
			.endsWith("WHERE (assigned_units <> '{}'::text[])");
	}

	/** The plan of a unit queue's query, in a transaction that changes nothing. */
	private String plan(String condition) {
		return this.db
			.inConnection((connection) -> Mono.from(connection.beginTransaction())
				.thenMany(connection.createStatement("set local enable_seqscan = off").execute())
				.flatMap(Result::getRowsUpdated)
				.thenMany(connection
					.createStatement("explain select tracking_number from letters where " + condition
							+ " order by received_at, id limit 50")
					.execute())
				.flatMap((result) -> result.map((row, metadata) -> row.get(0, String.class)))
				.collect(Collectors.joining("\n"))
				.flatMap((plan) -> Mono.from(connection.rollbackTransaction()).thenReturn(plan)))
			.block(Duration.ofSeconds(30));
	}

}
