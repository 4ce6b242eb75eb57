package cn.mailbox.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts what a read-only simulation needs into the portal before it starts, with plain
 * HTTP calls: letters to track (through the public API, each from its own address) and
 * made-up archive records (through the staff import, as the administrator).
 */
final class Seeding {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final Pattern NUMBER = Pattern.compile("\"trackingNumber\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern CODE = Pattern.compile("\"accessCode\"\\s*:\\s*\"([^\"]+)\"");

	private Seeding() {
	}

	/** Submits {@code count} letters; answers their tracking numbers and access codes. */
	static List<Map<String, Object>> letters(int count) {
		List<Map<String, Object>> letters = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(Portal.URL + "/api/v1/letters"))
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", Portal.randomAddress())
				.POST(HttpRequest.BodyPublishers.ofString(Portal.randomLetter())));
			if (answer.statusCode() != 201) {
				throw new IllegalStateException(
						"seeding a letter answered " + answer.statusCode() + ": " + answer.body());
			}
			letters.add(Map.of("number", find(NUMBER, answer.body()), "code", find(CODE, answer.body())));
		}
		return letters;
	}

	/**
	 * Imports {@code count} made-up, already answered letters into the public archive
	 * (numbers {@code LT2020-000001}…); needs the administrator's password.
	 */
	static void archive(int count, String adminPassword) {
		StringBuilder ndjson = new StringBuilder();
		for (int i = 1; i <= count; i++) {
			String letter = Portal.randomLetter();
			String title = find(Pattern.compile("\"title\":\"([^\"]+)\""), letter);
			String body = find(Pattern.compile("\"body\":\"([^\"]+)\""), letter);
			int month = 1 + (i % 12);
			ndjson
				.append("""
						{"trackingNumber":"LT2020-%06d","mailbox":"mayor","nature":"complaint","field":"other","region":"xishan",\
						"unit":"市城管局","title":"%s","body":"%s","receivedAt":"2020-%02d-03 09:00:00",\
						"reply":"经核查，已安排有关部门处理，并将结果告知反映人。感谢您对城市管理工作的关心。","repliedAt":"2020-%02d-10 16:00:00"}
						"""
					.formatted(i, title, body, month, month));
		}
		String credentials = Base64.getEncoder()
			.encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> answer = send(
				HttpRequest.newBuilder(URI.create(Portal.URL + "/api/v1/staff/archive/import"))
					.header("Content-Type", "application/x-ndjson")
					.header("Authorization", "Basic " + credentials)
					.POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())));
		if (answer.statusCode() / 100 != 2) {
			throw new IllegalStateException("archive import answered " + answer.statusCode() + ": " + answer.body());
		}
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("the portal at " + Portal.URL + " did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException("no " + pattern + " in " + text);
		}
		return matcher.group(1);
	}

}
