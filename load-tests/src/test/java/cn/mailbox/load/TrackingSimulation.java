package cn.mailbox.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * (c) Tracking lookups: {@code -Dletters=40} letters are submitted first, then
 * {@code -Drate=50} citizens a second (each from an address of their own) look one up
 * with its access code, for {@code -Dduration=60} seconds. The default tracking ceiling
 * is 6000 a minute (100 a second); above it the portal answers 429.
 */
public class TrackingSimulation extends Simulation {

	private final int rate = Portal.intProperty("rate", 50);

	private final Duration duration = Duration.ofSeconds(Portal.intProperty("duration", 60));

	private final List<Map<String, Object>> letters = Seeding.letters(Portal.intProperty("letters", 40));

	{
		ScenarioBuilder tracking = scenario("tracking").feed(listFeeder(this.letters).random())
			.exec((session) -> session.set("address", Portal.randomAddress()))
			.exec(http("track").get("/api/v1/letters/#{number}")
				.header("X-Access-Code", "#{code}")
				.header("X-Forwarded-For", "#{address}")
				.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(200)))
			.exec(Summary.record("track", 200));
		setUp(tracking.injectOpen(constantUsersPerSec(this.rate).during(this.duration))).protocols(Portal.protocol());
	}

	@Override
	public void after() {
		Summary.write("TrackingSimulation",
				Map.of("ratePerSecond", String.valueOf(this.rate), "letters", String.valueOf(this.letters.size())));
	}

}
