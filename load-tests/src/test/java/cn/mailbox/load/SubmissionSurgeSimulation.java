package cn.mailbox.load;

import java.time.Duration;
import java.util.Map;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * (a) A submission surge: every submission from a citizen of its own (address, phone,
 * text). Closed model by default ({@code -Dusers=64} submitting at once, each answered
 * before the next begins, for {@code -Dduration=60} seconds), which is how the benchmark
 * measures durable submissions per second; {@code -Drate=N} switches to N new citizens a
 * second (the soak). Every 201 is a committed letter.
 */
public class SubmissionSurgeSimulation extends Simulation {

	private final int users = Portal.intProperty("users", 64);

	private final int rate = Portal.intProperty("rate", 0);

	private final Duration duration = Duration.ofSeconds(Portal.intProperty("duration", 60));

	{
		ScenarioBuilder surge = scenario("submission surge").feed(Portal.citizens())
			.exec(http("submit").post("/api/v1/letters")
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", "#{address}")
				.body(StringBody("#{letter}"))
				.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(201)))
			.exec(Summary.record("submit", 201));
		setUp((this.rate > 0) ? surge.injectOpen(constantUsersPerSec(this.rate).during(this.duration))
				: surge.injectClosed(constantConcurrentUsers(this.users).during(this.duration)))
			.protocols(Portal.protocol());
	}

	@Override
	public void after() {
		Summary.write("SubmissionSurgeSimulation", Map.of("users", String.valueOf(this.users), "rate",
				String.valueOf(this.rate), "durationSeconds", String.valueOf(this.duration.toSeconds())));
	}

}
