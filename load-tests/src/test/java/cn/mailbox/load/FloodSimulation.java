package cn.mailbox.load;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * (b) A flood from a few addresses ({@code -Dflooders=8} users hammering submissions
 * without pause from {@code -DfloodAddresses=2} addresses) while real citizens
 * ({@code -Dcitizens=4} a second, each from an address of their own) submit a letter and
 * then look it up. The figure that matters is the citizens' p95 (target under 500 ms):
 * the flood must be answered 429 cheaply and never crowd them out.
 */
public class FloodSimulation extends Simulation {

	private final int flooders = Portal.intProperty("flooders", 8);

	private final int floodAddresses = Portal.intProperty("floodAddresses", 2);

	private final int citizens = Portal.intProperty("citizens", 4);

	private final Duration duration = Duration.ofSeconds(Portal.intProperty("duration", 60));

	{
		AtomicInteger next = new AtomicInteger();
		Iterator<Map<String, Object>> floodFeeder = Stream
			.generate(() -> Map.<String, Object>of("address",
					"198.18.0." + (1 + next.getAndIncrement() % this.floodAddresses), "letter", Portal.randomLetter()))
			.iterator();
		ScenarioBuilder flood = scenario("flood").exec(during(this.duration).on(feed(floodFeeder)
			.exec(http("flood submit").post("/api/v1/letters")
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", "#{address}")
				.body(StringBody("#{letter}"))
				.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().in(201, 429, 503)))
			.exec(Summary.record("flood submit", 201, 429, 503))));
		ScenarioBuilder citizen = scenario("citizens").feed(Portal.citizens())
			.exec(http("citizen submit").post("/api/v1/letters")
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", "#{address}")
				.body(StringBody("#{letter}"))
				.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(201),
						jsonPath("$.trackingNumber").saveAs("number"), jsonPath("$.accessCode").saveAs("code")))
			.exec(Summary.record("citizen submit", 201))
			.doIf((session) -> session.contains("number"))
			.then(exec(http("citizen track").get("/api/v1/letters/#{number}")
				.header("X-Access-Code", "#{code}")
				.header("X-Forwarded-For", "#{address}")
				.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(200)))
				.exec(Summary.record("citizen track", 200)));
		setUp(flood.injectOpen(atOnceUsers(this.flooders)),
				citizen.injectOpen(constantUsersPerSec(this.citizens).during(this.duration)))
			.maxDuration(this.duration.plusSeconds(10))
			.protocols(Portal.protocol());
	}

	@Override
	public void after() {
		long submitP95 = Summary.p95("citizen submit");
		long trackP95 = Summary.p95("citizen track");
		boolean met = submitP95 >= 0 && submitP95 < 500 && trackP95 < 500;
		Summary.write("FloodSimulation",
				Map.of("flooders", String.valueOf(this.flooders), "floodAddresses", String.valueOf(this.floodAddresses),
						"citizensPerSecond", String.valueOf(this.citizens), "citizenP95Below500ms",
						String.valueOf(met)));
	}

}
