package cn.mailbox.portal.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.mailbox.portal.faults.LetterWriters.Acknowledged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost: letters are written without pause while the portal is killed (SIGKILL)
 * and, separately, its PostgreSQL server is killed, at random moments. After every
 * recovery each letter that was answered 201 must be stored with exactly what was sent,
 * and every archive import that was answered must be searchable; whatever was committed
 * in the middle of the publication pipeline (the outbox) must reach the index after the
 * restart.
 *
 * <p>
 * Runs against the packaged jar after {@code package}: {@code ./mvnw verify} runs two
 * cycles, {@code ./mvnw -B -Pfaults -pl portal -am verify -DskipTests} ten
 * ({@code -Dfaults.cycles=N}, {@code -Dfaults.seed=S} to replay one run).
 */
class NothingLostIT {

	private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

	private static final Pattern IMPORTED = Pattern.compile("\"imported\"\\s*:\\s*(\\d+)");

	private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(300);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<String> report = new ArrayList<>();

	@Test
	void keepsEveryAcknowledgedLetterThroughKilledPortalsAndDatabases() throws Exception {
		int cycles = Integer.getInteger("faults.cycles", 2);
		long seed = Long.getLong("faults.seed", System.currentTimeMillis());
		int batchSize = Integer.getInteger("faults.import-size", 300);
		Random random = new Random(seed);
		Path jar = Path.of("target/portal.jar").toAbsolutePath();
		assertThat(jar).as("built by package").exists();
		Path dataDir = Path.of("target/fault-data").toAbsolutePath();
		deleteRecursively(dataDir);
		Files.createDirectories(dataDir);
		say("seed %d, %d cycles, data in %s", seed, cycles, dataDir);
		Map<String, Integer> importedBatches = new HashMap<>();
		int interruptedImports = 0;
		try (PortalProcess portal = new PortalProcess(jar, dataDir)) {
			portal.start();
			say("first start (initdb, migrations): ready in %d ms", portal.awaitReady(RECOVERY_TIMEOUT).toMillis());
			Integer baseline = importBatch(portal, "faultbatchbaseline", 50);
			assertThat(baseline).as("the import before any fault").isEqualTo(50);
			importedBatches.put("faultbatchbaseline", baseline);
			try (LetterWriters writers = new LetterWriters(portal::uri, "r" + Long.toString(seed, 36), 3)) {
				for (int cycle = 1; cycle <= cycles; cycle++) {
					Fault fault = Fault.values()[(cycle - 1) % ((cycles < 3) ? 2 : 3)];
					String token = "faultbatch" + letters(cycle);
					CompletableFuture<Integer> importing = CompletableFuture
						.supplyAsync(() -> importBatch(portal, token, batchSize));
					Thread.sleep(2000 + random.nextInt(6000));
					// Taken once the kill has been sent: a letter begun before that and
					// answered after it is not one the recovered system accepted.
					long faultAt = switch (fault) {
						case PORTAL -> {
							portal.kill();
							long killed = System.nanoTime();
							portal.start();
							yield killed;
						}
						case DATABASE -> {
							portal.killDatabase();
							yield System.nanoTime();
						}
						case BOTH -> {
							portal.killDatabase();
							portal.kill();
							long killed = System.nanoTime();
							portal.start();
							yield killed;
						}
					};
					portal.awaitReady(RECOVERY_TIMEOUT);
					long firstAccepted = writers.awaitAcknowledgedAfter(faultAt, RECOVERY_TIMEOUT);
					Integer imported = importing.join();
					if (imported != null) {
						importedBatches.put(token, imported);
					}
					else {
						interruptedImports++;
					}
					int acknowledged = writers.acknowledged().size();
					verifyStored(portal, writers.acknowledged());
					// After the outbox has drained: an import answered just before a kill
					// was
					// searchable then, but the index may have restarted from its last
					// commit
					// and still be replaying the publication log.
					long indexed = verifyOutboxDrained(portal);
					verifySearchable(portal, importedBatches);
					say("cycle %d: killed %s; first letter accepted %d ms after the kill; import %s; %d letters acknowledged so far, all stored exactly; %d public records, all indexed",
							cycle, fault.name().toLowerCase(), Duration.ofNanos(firstAccepted - faultAt).toMillis(),
							(imported != null) ? "answered (" + imported + ")" : "cut off", acknowledged, indexed);
				}
				writers.close();
				Map<String, Acknowledged> all = writers.acknowledged();
				verifyStored(portal, all);
				say("total: %d cycles, %d letters acknowledged, 0 lost or changed, %d refused or cut off while down (answers by status: %s); %d imports answered, %d cut off",
						cycles, all.size(), writers.failed(), writers.refusedByStatus(), importedBatches.size(),
						interruptedImports);
				// An outage is told as one (503, Retry-After), never as a defect (500).
				assertThat(writers.refusedByStatus().keySet()).as("statuses of answers other than 201")
					.allSatisfy((status) -> assertThat(status).isEqualTo(503));
			}
		}
		finally {
			Files.write(Path.of("target/fault-results.txt"), this.report);
		}
	}

	/** Every acknowledged letter is in the letters table with exactly what was sent. */
	private void verifyStored(PortalProcess portal, Map<String, Acknowledged> acknowledged) throws Exception {
		Map<String, Acknowledged> found = new HashMap<>();
		try (Connection connection = portal.connect(); PreparedStatement query = connection.prepareStatement("""
				select tracking_number, title, body, writer_name, writer_phone, writer_email
				from letters where tracking_number = any (?)""")) {
			Array numbers = connection.createArrayOf("text", acknowledged.keySet().toArray());
			query.setArray(1, numbers);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					found.put(rows.getString(1), new Acknowledged(rows.getString(2), rows.getString(3),
							rows.getString(4), rows.getString(5), rows.getString(6)));
				}
			}
		}
		assertThat(found).as("acknowledged letters, as stored").isEqualTo(acknowledged);
	}

	/**
	 * Every import that was answered is searchable by its token (once the index has
	 * caught up with the publication log).
	 */
	private void verifySearchable(PortalProcess portal, Map<String, Integer> batches) throws Exception {
		for (Map.Entry<String, Integer> batch : batches.entrySet()) {
			assertThat(total(portal, "/api/v1/archive?size=1&q=" + batch.getKey())).as(batch.getKey())
				.isEqualTo(batch.getValue().longValue());
		}
	}

	/**
	 * Whatever was published (also by an import cut off half-way) reaches the index: the
	 * count of public rows and the index total meet. Answers that count.
	 */
	private long verifyOutboxDrained(PortalProcess portal) throws Exception {
		long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
		while (true) {
			long stored;
			try (Connection connection = portal.connect();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select count(*) from public_letters")) {
				rows.next();
				stored = rows.getLong(1);
			}
			long indexed = total(portal, "/api/v1/archive?size=1");
			if (indexed == stored) {
				return stored;
			}
			assertThat(System.nanoTime()).as("index caught up with %d public rows (has %d)", stored, indexed)
				.isLessThan(deadline);
			Thread.sleep(500);
		}
	}

	/**
	 * Imports a batch through the staff API while a fault may strike; answers how many
	 * were imported, or null when the call was cut off.
	 */
	private Integer importBatch(PortalProcess portal, String token, int size) {
		StringBuilder ndjson = new StringBuilder();
		for (int i = 1; i <= size; i++) {
			ndjson.append("{\"trackingNumber\":\"FT-")
				.append(token)
				.append('-')
				.append(i)
				.append("\",")
				.append("\"mailbox\":\"mayor\",\"nature\":\"complaint\",\"field\":\"transport\",\"region\":\"nanhu\",")
				.append("\"title\":\"公交站台破损 ")
				.append(token)
				.append("\",")
				.append("\"body\":\"南湖区公交站台雨棚破损已久，下雨天无处避雨。第")
				.append(i)
				.append("件。\",")
				.append("\"receivedAt\":\"2024-03-04T09:00:00+08:00\",\"reply\":\"已安排维修。\",")
				.append("\"repliedAt\":\"2024-03-08T16:00:00+08:00\"}\n");
		}
		String credentials = Base64.getEncoder()
			.encodeToString(("admin:" + PortalProcess.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(portal.uri("/api/v1/staff/archive/import"))
					.timeout(Duration.ofSeconds(120))
					.header("Content-Type", "application/x-ndjson")
					.header("Authorization", "Basic " + credentials)
					.POST(HttpRequest.BodyPublishers.ofString(ndjson.toString()))
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher imported = IMPORTED.matcher(response.body());
			return (response.statusCode() == 200 && imported.find()) ? Integer.valueOf(imported.group(1)) : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private long total(PortalProcess portal, String path) throws Exception {
		URI uri = portal.uri(path.replace(" ", URLEncoder.encode(" ", StandardCharsets.UTF_8)));
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		Matcher total = TOTAL.matcher(response.body());
		assertThat(total.find()).isTrue();
		return Long.parseLong(total.group(1));
	}

	/** Cycle numbers as letters: the analyser keeps a run of letters as one word. */
	private static String letters(int n) {
		StringBuilder text = new StringBuilder();
		for (int rest = n; rest > 0; rest /= 26) {
			text.append((char) ('a' + rest % 26));
		}
		return text.toString();
	}

	private void say(String format, Object... arguments) {
		String line = String.format(format, arguments);
		this.report.add(line);
		System.out.println("[faults] " + line);
	}

	private static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (var paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private enum Fault {

		PORTAL, DATABASE, BOTH

	}

}
