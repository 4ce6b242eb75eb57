package cn.mailbox.load;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * (d) Journalists browsing and searching the public archive: {@code -Drate=20} visitors a
 * second each list the newest records, run a search, open a record, and read the
 * statistics and the open-letters board. With {@code -Dadmin.password=…} the simulation
 * first imports {@code -Drecords=500} made-up answered letters (otherwise it reads
 * whatever the archive holds).
 */
public class ArchiveSimulation extends Simulation {

	private static final String[] QUERIES = { "路灯", "垃圾 清运", "\"夜间施工\"", "停水 OR 积水", "交通 -公交", "title:物业", "reply:核查",
			"噪音" };

	private final int rate = Portal.intProperty("rate", 20);

	private final Duration duration = Duration.ofSeconds(Portal.intProperty("duration", 60));

	private final int records = Portal.intProperty("records", 500);

	{
		String password = System.getProperty("admin.password");
		if (password != null && !password.isBlank()) {
			Seeding.archive(this.records, password);
		}
		Iterator<Map<String, Object>> visitors = Stream
			.generate(() -> Map.<String, Object>of("q", QUERIES[ThreadLocalRandom.current().nextInt(QUERIES.length)],
					"address", Portal.randomAddress()))
			.iterator();
		ScenarioBuilder browsing = scenario("archive").feed(visitors)
			.exec(http("archive newest").get("/api/v1/archive?sort=newest")
				.header("X-Forwarded-For", "#{address}")
				.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(200),
						jsonPath("$.items[0].trackingNumber").optional().saveAs("number")))
			.exec(Summary.record("archive newest", 200))
			.exec(http("archive search").get("/api/v1/archive")
				.queryParam("q", "#{q}")
				.header("X-Forwarded-For", "#{address}")
				.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(200)))
			.exec(Summary.record("archive search", 200))
			.doIf((session) -> session.contains("number"))
			.then(io.gatling.javaapi.core.CoreDsl
				.exec(http("archive record").get("/api/v1/archive/#{number}")
					.header("X-Forwarded-For", "#{address}")
					.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(200)))
				.exec(Summary.record("archive record", 200)))
			.exec(http("stats").get("/api/v1/stats?from=2020-01-01&to=2020-12-31")
				.header("X-Forwarded-For", "#{address}")
				.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(200)))
			.exec(Summary.record("stats", 200))
			.exec(http("board").get("/api/v1/board")
				.header("X-Forwarded-For", "#{address}")
				.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(200)))
			.exec(Summary.record("board", 200));
		setUp(browsing.injectOpen(constantUsersPerSec(this.rate).during(this.duration))).protocols(Portal.protocol());
	}

	@Override
	public void after() {
		Summary.write("ArchiveSimulation", Map.of("ratePerSecond", String.valueOf(this.rate)));
	}

}
