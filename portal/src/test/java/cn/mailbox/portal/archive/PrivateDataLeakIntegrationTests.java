package cn.mailbox.portal.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffAccounts;
import cn.mailbox.portal.StaffActions;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The separation of private and public data, checked from the outside: letters whose
 * private fields are distinctive go through the whole workflow to publication (the name
 * and phone repeated in the body and in the official reply, an ID number with a valid
 * check digit and a street address in the body, the client address through
 * {@code X-Forwarded-For} from the trusted proxy), and then every public output is
 * scanned for every private value: the archive API with all its parameters, search for
 * the name itself, one record, both exports, the feed, the board, statistics, the public
 * pages, the Lucene index (stored fields and terms, opened read-only), the generated
 * static site when there is one, the public tables and the INFO log.
 */
@PortalIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PrivateDataLeakIntegrationTests {

	private static final Path DATA = Path.of("target/it-data");

	private static final String PASSWORD = "a-long-test-password";

	private static final String NAME = "欧阳明轩";

	private static final String PHONE = "13987654321";

	private static final String ID_NUMBER = "430102198706152810";

	private static final String EMAIL = "ouyang.mingxuan@example.cn";

	private static final String ADDRESS = "幸福路88号3栋2单元501室";

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	private String suffix;

	private String clientIp;

	private String marker;

	@BeforeEach
	void staff() {
		this.http = this.http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		this.clientIp = "198.51.100." + random.nextInt(2, 250);
		this.marker = "lk" + Long.toString(random.nextLong(1L << 40, 1L << 45), 36).replaceAll("[0-9]", "q");
		admin("/api/v1/staff/units", Map.of("code", "lights-" + this.suffix, "name", "市城管局", "kind", "department"));
		user("leakmod-" + this.suffix, List.of("moderator"), null);
		user("lights-" + this.suffix, List.of("unit_officer"), "lights-" + this.suffix);
	}

	@Test
	void noPrivateValueReachesAnyPublicOutput(CapturedOutput output) throws IOException {
		String published = submit(true, NAME + "反映幸福路路灯不亮 " + this.marker, "我叫" + NAME + "，身份证号" + ID_NUMBER + "，住在西山区"
				+ ADDRESS + "。幸福路路灯不亮已经一个月，晚上很危险。" + "请回电" + PHONE + "或发邮件" + EMAIL + "。" + this.marker);
		String refused = submit(false, NAME + "反映噪音 " + this.marker, "我是" + NAME + "，电话" + PHONE + "，楼下施工噪音很大。");
		for (String letter : List.of(published, refused)) {
			// Contact details in the text can make screening quarantine a letter.
			if (staffView(letter).contains("\"state\":\"quarantined\"")) {
				act("leakmod", letter, Map.of("action", "release"));
			}
			act("leakmod", letter, Map.of("action", "accept"));
			act("leakmod", letter, Map.of("action", "assign", "unit", "lights-" + this.suffix));
		}
		// Open letters are on the board: scan it while both are open.
		String boardWhileOpen = get("/api/v1/board");
		act("lights", published, Map.of("action", "sign"));
		act("lights", published,
				Map.of("action", "reply", "text", NAME + "您好：路灯已于本周修复。如仍有问题，请" + NAME + "拨打" + PHONE + "之外的市城管热线反映。"));
		act("leakmod", published, Map.of("action", "approve"));
		act("leakmod", published, Map.of("action", "disclose"));
		awaitIndexed();

		Map<String, String> outputs = new LinkedHashMap<>();
		outputs.put("board while open", boardWhileOpen);
		outputs.put("archive record", get("/api/v1/archive/" + published));
		for (String query : List.of("", "q=" + this.marker, "q=" + NAME, "q=" + PHONE, "q=" + EMAIL, "q=" + ID_NUMBER,
				"q=路灯&sort=newest", "q=\"" + NAME + "\"", "q=title:" + NAME, "q=reply:" + NAME, "q=欧阳", "q=明轩",
				"sort=oldest&size=100", "nature=help&region=xishan&field=urban_construction",
				"unit=lights-" + this.suffix, "onTime=true", "onTime=false", "from=2000-01-01&to=2100-01-01")) {
			outputs.put("archive?" + query, get("/api/v1/archive?" + query));
		}
		for (String query : List.of("q=" + NAME, "q=" + PHONE)) {
			assertThat(get("/api/v1/archive?" + query)).as("search for a private value finds nothing: " + query)
				.contains("\"total\":0");
		}
		outputs.put("export csv", get("/api/v1/archive/export?format=csv"));
		outputs.put("export ndjson", get("/api/v1/archive/export?format=ndjson"));
		outputs.put("export csv q", get("/api/v1/archive/export?format=csv&q=" + this.marker));
		outputs.put("feed", get("/feeds/archive.atom"));
		outputs.put("feed q", get("/feeds/archive.atom?q=" + this.marker));
		outputs.put("board", get("/api/v1/board"));
		outputs.put("stats", get("/api/v1/stats"));
		outputs.put("stats range", get("/api/v1/stats?from=2000-01-01&to=2100-01-01"));
		for (String page : List.of("/", "/?lang=en", "/letters", "/track", "/archive", "/archive/" + published,
				"/board", "/stats", "/site/", "/site/index.html", "/site/letters/" + published + ".html")) {
			this.http.get()
				.uri(page)
				.accept(MediaType.TEXT_HTML, MediaType.ALL)
				.exchange()
				.expectBody(String.class)
				.consumeWith((result) -> outputs.put("page " + page + " (" + result.getStatus().value() + ")",
						(result.getResponseBody() != null) ? result.getResponseBody() : ""));
		}
		outputs.put("public_letters", rows("select row_to_json(p)::text as r from public_letters p"));
		outputs.put("publication_log", rows("select row_to_json(l)::text as r from publication_log l"));
		outputs.putAll(index());
		outputs.putAll(site());
		outputs.put("log", output.getAll());

		assertThat(outputs.get("archive record")).contains("路灯已于本周修复", "[姓名]");
		assertThat(get("/api/v1/archive?q=" + this.marker)).contains(published).doesNotContain(refused);
		assertThat(outputs.get("public_letters")).contains(published).doesNotContain(refused);
		for (Map.Entry<String, String> scanned : outputs.entrySet()) {
			for (String value : privateValues()) {
				assertThat(scanned.getValue()).as("%s must not contain %s", scanned.getKey(), value)
					.doesNotContain(value);
			}
		}
	}

	private List<String> privateValues() {
		return List.of(NAME, PHONE, ID_NUMBER, EMAIL, EMAIL.toUpperCase(Locale.ROOT), ADDRESS, "幸福路88号", this.clientIp);
	}

	/** Waits until the indexer has caught up with the publication log. */
	/**
	 * Searchable (the near-real-time reader) and committed: the scan below opens the
	 * index on disk, which the portal commits in the background about once a second.
	 */
	private void awaitIndexed() throws IOException {
		long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!get("/api/v1/archive?q=" + this.marker).contains("\"total\":1") || !committed(this.marker)) {
			assertThat(System.nanoTime()).as("indexed within a minute").isLessThan(until);
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static boolean committed(String marker) throws IOException {
		try (Directory directory = FSDirectory.open(DATA.resolve("index"));
				DirectoryReader reader = DirectoryReader.open(directory)) {
			StoredFields fields = reader.storedFields();
			for (int doc = 0; doc < reader.maxDoc(); doc++) {
				for (IndexableField field : fields.document(doc)) {
					if (field.stringValue() != null && field.stringValue().contains(marker)) {
						return true;
					}
				}
			}
			return false;
		}
	}

	/**
	 * Every stored field and every term of the live Lucene index, opened read-only beside
	 * the portal's writer.
	 */
	private Map<String, String> index() throws IOException {
		Map<String, String> found = new LinkedHashMap<>();
		StringBuilder stored = new StringBuilder();
		StringBuilder terms = new StringBuilder();
		try (Directory directory = FSDirectory.open(DATA.resolve("index"));
				DirectoryReader reader = DirectoryReader.open(directory)) {
			StoredFields fields = reader.storedFields();
			for (int doc = 0; doc < reader.maxDoc(); doc++) {
				for (IndexableField field : fields.document(doc)) {
					stored.append(field.name()).append('=').append(field.stringValue()).append('\n');
					BytesRef binary = field.binaryValue();
					if (binary != null) {
						stored.append(binary.utf8ToString()).append('\n');
					}
				}
			}
			for (LeafReaderContext leaf : reader.leaves()) {
				for (FieldInfo info : leaf.reader().getFieldInfos()) {
					Terms all = leaf.reader().terms(info.name);
					if (all == null) {
						continue;
					}
					TermsEnum term = all.iterator();
					for (BytesRef bytes = term.next(); bytes != null; bytes = term.next()) {
						terms.append(info.name).append(':').append(bytes.utf8ToString()).append('\n');
					}
				}
			}
		}
		assertThat(stored).as("the index holds the published letter").contains(this.marker);
		found.put("index stored fields", stored.toString());
		found.put("index terms", terms.toString());
		found.put("index files", rawFiles(DATA.resolve("index")));
		return found;
	}

	/** The generated static site, once there is one. */
	private Map<String, String> site() throws IOException {
		Path site = DATA.resolve("site");
		return Files.isDirectory(site) ? Map.of("static site", rawFiles(site)) : Map.of();
	}

	/**
	 * Every file under a folder, as UTF-8 text (binary parts become noise, not errors).
	 */
	private static String rawFiles(Path folder) throws IOException {
		StringBuilder text = new StringBuilder();
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(folder)) {
			walk.filter(Files::isRegularFile)
				.filter((file) -> !file.getFileName().toString().endsWith(".lock"))
				.forEach(files::add);
		}
		for (Path file : files) {
			try {
				text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).append('\n');
			}
			catch (java.nio.file.NoSuchFileException gone) {
				// Merged away by the writer while we walked: its content lives on in the
				// new
				// segment.
			}
		}
		return text.toString();
	}

	private String rows(String sql) {
		return String.join("\n", this.db.sql(sql).map((row) -> row.get("r", String.class)).all().collectList().block());
	}

	private String get(String path) {
		return this.http.get().uri(path).exchange().expectBody(String.class).returnResult().getResponseBody();
	}

	private String staffView(String letter) {
		return StaffActions.view(this.http, "leakmod-" + this.suffix, PASSWORD, letter)
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private void act(String who, String letter, Map<String, Object> step) {
		StaffActions.act(this.http, who + "-" + this.suffix, PASSWORD, letter, step).expectStatus().isOk();
	}

	/** Sent for a client address of its own, which must not reach any public file. */
	private String submit(boolean consent, String title, String body) {
		Map<String, Object> letter = Citizens.letter("help", "urban_construction", "xishan", title, body);
		letter.put("name", NAME);
		letter.put("phone", PHONE);
		letter.put("email", EMAIL);
		letter.put("publicationConsent", consent);
		return Citizens.submit(this.http, letter, (headers) -> headers.set("X-Forwarded-For", this.clientIp))
			.trackingNumber();
	}

	private void admin(String path, Map<String, Object> body) {
		StaffAccounts.create(this.http, path, body);
	}

	private void user(String username, List<String> roles, String unit) {
		StaffAccounts.user(this.http, username, PASSWORD, roles, unit);
	}

}
