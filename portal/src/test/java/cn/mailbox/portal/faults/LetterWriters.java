package cn.mailbox.portal.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Citizens writing without pause from a few threads. Every letter is different and holds
 * characters that a careless store would change (an emoji outside the BMP, quotes, a
 * backslash, line breaks, a tab); every 201 is remembered with what was sent. Anything
 * else (a refused connection while the portal is down, a 503 while the database restarts)
 * is counted, by status for answers: the writer was told it failed.
 */
final class LetterWriters implements AutoCloseable {

	private static final Pattern TRACKING_NUMBER = Pattern.compile("\"trackingNumber\"\\s*:\\s*\"([^\"]+)\"");

	private final Function<String, URI> uri;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();

	private final AtomicInteger sequence = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final Map<Integer, AtomicInteger> refusedByStatus = new ConcurrentHashMap<>();

	private final List<Thread> threads = new ArrayList<>();

	private final String run;

	private volatile boolean running = true;

	private final AtomicLong lastAckStartedAt = new AtomicLong();

	LetterWriters(Function<String, URI> uri, String run, int writers) {
		this.uri = uri;
		this.run = run;
		for (int i = 0; i < writers; i++) {
			Thread thread = Thread.ofPlatform().name("letter-writer-" + i).daemon(true).start(this::write);
			this.threads.add(thread);
		}
	}

	Map<String, Acknowledged> acknowledged() {
		return Map.copyOf(this.acknowledged);
	}

	int failed() {
		return this.failed.get();
	}

	/** How many answers came with each status other than 201. */
	Map<Integer, Integer> refusedByStatus() {
		Map<Integer, Integer> counts = new TreeMap<>();
		this.refusedByStatus.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

	/**
	 * Waits for a 201 to a letter sent after {@code since} ({@link System#nanoTime()}),
	 * and answers when it was sent.
	 */
	long awaitAcknowledgedAfter(long since, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			long last = this.lastAckStartedAt.get();
			if (last > since) {
				return last;
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("No letter was accepted within " + timeout + " after the fault");
	}

	private void write() {
		while (this.running) {
			int n = this.sequence.incrementAndGet();
			Acknowledged letter = letter(n);
			long started = System.nanoTime();
			try {
				HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.uri.apply("/api/v1/letters"))
					.timeout(Duration.ofSeconds(20))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(letter.json()))
					.build(), HttpResponse.BodyHandlers.ofString());
				Matcher number = TRACKING_NUMBER.matcher(response.body());
				if (response.statusCode() == 201 && number.find()) {
					this.acknowledged.put(number.group(1), letter);
					this.lastAckStartedAt.accumulateAndGet(started, Math::max);
					continue;
				}
				this.refusedByStatus.computeIfAbsent(response.statusCode(), (status) -> new AtomicInteger())
					.incrementAndGet();
				this.failed.incrementAndGet();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (Exception ex) {
				this.failed.incrementAndGet();
			}
			pause();
		}
	}

	private void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private Acknowledged letter(int n) {
		String id = this.run + "-" + n;
		String title = "故障测试第" + n + "封：\"路灯\"不亮 " + id;
		String body = "东城区幸福路的路灯已经坏了 " + (n % 7 + 2) + " 个晚上 🌃，行人摸黑走路。\n\t编号 " + id + " 引号\"与反斜杠\\都要原样保存。\n请尽快修复，谢谢！";
		String phone = "1380013" + String.format("%04d", n % 10000);
		return new Acknowledged(title, body, "李" + n, phone, "writer" + n + "@example.cn");
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(30_000);
		}
	}

	/** What a writer sent and was told is stored. */
	record Acknowledged(String title, String body, String name, String phone, String email) {

		String json() {
			return "{\"mailbox\":\"mayor\",\"nature\":\"complaint\",\"field\":\"urban_construction\","
					+ "\"region\":\"dongcheng\",\"title\":" + quote(this.title) + ",\"body\":" + quote(this.body)
					+ ",\"name\":" + quote(this.name) + ",\"phone\":" + quote(this.phone) + ",\"email\":"
					+ quote(this.email) + ",\"anonymous\":false,\"publicationConsent\":true}";
		}

		private static String quote(String text) {
			StringBuilder json = new StringBuilder("\"");
			for (char c : text.toCharArray()) {
				switch (c) {
					case '"' -> json.append("\\\"");
					case '\\' -> json.append("\\\\");
					case '\n' -> json.append("\\n");
					case '\t' -> json.append("\\t");
					default -> json.append(c);
				}
			}
			return json.append('"').toString();
		}

	}

}
