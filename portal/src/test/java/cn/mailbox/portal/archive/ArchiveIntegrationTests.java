package cn.mailbox.portal.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.publication.PublicRecord;
import cn.mailbox.publication.Publisher;
import cn.mailbox.publication.indexing.ArchiveIndexer;

import static org.assertj.core.api.Assertions.assertThat;

@PortalIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveIntegrationTests {

	static final List<String> FIXTURE_NUMBERS = List.of("TX2019-000001", "TX2019-000002", "TX2019-000003",
			"TX2019-000004", "TX2019-000005", "TX2019-000006", "TX2019-000007", "TX2020-000008", "TX2020-000009",
			"TX2020-000010", "TX2020-000011", "TX2020-000012");

	static final List<String> PRIVATE_DATA = List.of("13812345678", "138-1234-5678", "0591-87654321", "87654321",
			"zhang.san@example.com", "110101199003071234");

	static final String HOSTILE_TITLE = "<script>alert('x')</script>停车难";

	@Autowired
	WebTestClient http;

	@Autowired
	JsonMapper json;

	@Autowired
	Publisher publisher;

	@Autowired
	ArchiveIndexer indexer;

	@Autowired
	DatabaseClient db;

	@Autowired
	PasswordEncoder passwords;

	Map<String, Object> imported;

	@BeforeAll
	void importTheFixture() throws IOException {
		byte[] body;
		try (InputStream in = new ClassPathResource("archive/old-archive.ndjson").getInputStream()) {
			body = in.readAllBytes();
		}
		this.imported = this.http.mutate()
			.responseTimeout(Duration.ofMinutes(1))
			.build()
			.post()
			.uri("/api/v1/staff/archive/import")
			.headers((headers) -> headers.setBasicAuth("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void importReportsBadLinesByNumberAndPublishesTheRest() {
		assertThat(this.imported.get("imported")).isEqualTo(12);
		List<Object> rejected = list(this.imported.get("rejected"));
		assertThat(rejected).hasSize(2);
		assertThat(map(rejected.get(0)).get("line")).isEqualTo(6);
		assertThat(map(rejected.get(1)).get("line")).isEqualTo(11);
		assertThat((String) map(rejected.get(1)).get("reason")).contains("title");
	}

	@Test
	void findsImportedLettersByATwoCharacterWordWithFacetsAndHighlights() {
		Map<String, Object> page = search("q=噪音");
		assertThat(numbers(page)).containsExactlyInAnyOrder("TX2019-000002", "TX2020-000011");
		assertThat(page.get("total")).isEqualTo(2);
		Map<String, Object> facets = map(page.get("facets"));
		assertThat(facets.keySet()).contains("unit", "nature", "year");
		assertThat(map(facets.get("year"))).containsKeys("2019", "2020");
		Map<String, Object> first = map(list(page.get("items")).get(0));
		assertThat((String) first.get("snippet")).contains("<mark>");
		assertThat(first.get("receivedAt")).asString().endsWith("+08:00");
		assertThat(first).containsKeys("trackingNumber", "title", "nature", "unit", "repliedAt", "workingDays",
				"limitDays", "onTime");
	}

	@Test
	void findsAQuotedPhraseAndAppliesFilters() {
		assertThat(numbers(search("q=\"幸福小区\""))).containsExactlyInAnyOrder("TX2019-000001", "TX2019-000006");
		assertThat(numbers(search("q=\"幸福小区\"&nature=suggestion"))).containsExactly("TX2019-000006");
		assertThat(numbers(search("q=噪音&from=2020-01-01&to=2020-12-31"))).containsExactly("TX2020-000011");
	}

	@Test
	void timesImportedLettersOnTheWorkingDayCalendar() {
		Map<String, Object> report = record("TX2019-000005");
		Map<String, Object> timer = map(report.get("timer"));
		assertThat(timer.get("limitDays")).isEqualTo(10);
		assertThat(timer.get("workingDays")).isEqualTo(19);
		assertThat(timer.get("onTime")).isEqualTo(false);
		Map<String, Object> consultation = map(record("TX2019-000004").get("timer"));
		assertThat(consultation.get("workingDays")).isEqualTo(1);
		assertThat(consultation.get("onTime")).isEqualTo(true);
	}

	@Test
	void redactsContactsAndIdNumbersBeforePublishing() {
		for (String number : FIXTURE_NUMBERS) {
			String text = record(number).toString();
			PRIVATE_DATA.forEach((secret) -> assertThat(text).doesNotContain(secret));
		}
		assertThat((String) record("TX2019-000001").get("letter")).contains("联系电话[电话]");
	}

	@Test
	void exportsEveryMatchAsCsvAndNdjsonThatParseBack() throws IOException {
		String csv = export("csv", "from=2019-01-01&to=2020-12-31");
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))
			.getRecords();
		List<String> csvNumbers = rows.stream().map((row) -> row.get("trackingNumber")).toList();
		assertThat(csvNumbers).containsAll(FIXTURE_NUMBERS);
		assertThat(rows.stream().filter((row) -> row.get("trackingNumber").equals("TX2019-000003")).findFirst())
			.hasValueSatisfying((row) -> assertThat(row.get("title")).isEqualTo(HOSTILE_TITLE));
		long total = ((Number) search("from=2019-01-01&to=2020-12-31").get("total")).longValue();
		assertThat(rows).hasSize((int) total);

		String ndjson = export("ndjson", "from=2019-01-01&to=2020-12-31");
		List<Map<String, Object>> records = ndjson.lines()
			.map((line) -> map(this.json.readValue(line, Map.class)))
			.toList();
		assertThat(records).hasSize((int) total);
		assertThat(records.stream().map((r) -> r.get("trackingNumber")))
			.containsAll(List.<Object>copyOf(FIXTURE_NUMBERS));
		for (String secret : PRIVATE_DATA) {
			assertThat(csv).doesNotContain(secret);
			assertThat(ndjson).doesNotContain(secret);
		}
	}

	@Test
	void servesAWellFormedAtomFeedThatEscapesHostileTitles() throws Exception {
		byte[] xml = this.http.get()
			.uri("/feeds/archive.atom?q=停车")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("application/atom+xml"))
			.expectBody()
			.returnResult()
			.getResponseBody();
		String text = new String(xml, StandardCharsets.UTF_8);
		assertThat(text).doesNotContain("<script>");
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
		assertThat(feed.getDocumentElement().getLocalName()).isEqualTo("feed");
		NodeList titles = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title");
		boolean found = false;
		for (int i = 0; i < titles.getLength(); i++) {
			found |= HOSTILE_TITLE.equals(titles.item(i).getTextContent());
		}
		assertThat(found).isTrue();
	}

	@Test
	void withdrawnLettersLeaveTheSearchAtOnce() {
		PublicRecord record = new PublicRecord("TW2020-000001", "mayor", "complaint", null, null, List.of("urban"),
				"撤回测试垃圾清运", "垃圾清运不及时", "已加强清运", Instant.parse("2020-02-03T01:00:00Z"), null, null,
				Instant.parse("2020-02-04T01:00:00Z"), Instant.now(), 1, 5, true, 0, 0);
		long published = this.publisher.publish(record).block();
		this.indexer.awaitIndexed(published).block(Duration.ofSeconds(10));
		assertThat(numbers(search("q=清运"))).containsExactly("TW2020-000001");
		long withdrawn = this.publisher.withdraw("TW2020-000001").block();
		this.indexer.awaitIndexed(withdrawn).block(Duration.ofSeconds(10));
		assertThat(numbers(search("q=清运"))).isEmpty();
		this.http.get()
			.uri("/api/v1/archive/TW2020-000001")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answersBadParametersWithAProblemNamingTheParameter() {
		assertBadParameter("/api/v1/archive?size=500", "size");
		assertBadParameter("/api/v1/archive?page=0", "page");
		assertBadParameter("/api/v1/archive?sort=popular", "sort");
		assertBadParameter("/api/v1/archive?from=2019-13-01", "from");
		assertBadParameter("/api/v1/archive?from=2020-01-02&to=2020-01-01", "to");
		assertBadParameter("/api/v1/archive?onTime=maybe", "onTime");
		assertBadParameter("/api/v1/archive?cursor=forged-cursor", "cursor");
		assertBadParameter("/api/v1/archive/export?format=xlsx", "format");
		assertBadParameter("/api/v1/stats?from=yesterday", "from");
	}

	@Test
	void pagesFromOneWithACursorForTheNextPage() {
		Map<String, Object> first = search("from=2019-01-01&to=2019-12-31&sort=oldest&size=2&page=1");
		assertThat(numbers(first)).containsExactly("TX2019-000001", "TX2019-000002");
		Map<String, Object> second = search(
				"from=2019-01-01&to=2019-12-31&sort=oldest&size=2&cursor=" + first.get("nextCursor"));
		assertThat(numbers(second)).containsExactly("TX2019-000003", "TX2019-000004");
		assertThat(numbers(search("from=2019-01-01&to=2019-12-31&sort=oldest&size=2&page=2")))
			.containsExactly("TX2019-000003", "TX2019-000004");
	}

	@Test
	void importNeedsAStaffAccount() {
		this.http.post()
			.uri("/api/v1/staff/archive/import")
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void importsANumberGivenTwiceByStoringItsChunkLineByLine() {
		String line = "{\"trackingNumber\":\"TX2021-000001\",\"mailbox\":\"mayor\",\"nature\":\"other\","
				+ "\"title\":\"%s\",\"body\":\"重复编号测试\",\"receivedAt\":\"2021-03-01T09:00:00+08:00\","
				+ "\"reply\":\"已答复\",\"repliedAt\":\"2021-03-02T09:00:00+08:00\"}\n";
		Map<String, Object> result = this.http.post()
			.uri("/api/v1/staff/archive/import")
			.headers((headers) -> headers.setBasicAuth("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue(line.formatted("第一版标题") + line.formatted("第二版标题"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(result.get("imported")).isEqualTo(2);
		assertThat(record("TX2021-000001").get("title")).isEqualTo("第二版标题");
	}

	@Test
	void importIsForAdministratorsAndModeratorsOnly() {
		this.db.sql("""
				insert into staff_users (username, password_hash, roles, unit_code, created_at)
				values ('archive-officer', :hash, :roles, null, now()) on conflict (username) do nothing""")
			.bind("hash", this.passwords.encode("officer-password"))
			.bind("roles", new String[] { "unit_officer" })
			.fetch()
			.rowsUpdated()
			.block(Duration.ofSeconds(10));
		this.http.post()
			.uri("/api/v1/staff/archive/import")
			.headers((headers) -> headers.setBasicAuth("archive-officer", "officer-password"))
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void countsPublishedLettersPerUnitAndNature() {
		Map<String, Object> stats = this.http.get()
			.uri("/api/v1/stats?from=2019-01-01&to=2019-12-31")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		List<Object> rows = list(stats.get("rows"));
		Map<String, Object> reports = rows.stream()
			.map((row) -> map(row))
			.filter((row) -> row.get("unit").equals("environment") && row.get("nature").equals("report"))
			.findFirst()
			.orElseThrow();
		assertThat(reports.get("published")).isEqualTo(1);
		assertThat(((Number) reports.get("onTimeRate")).doubleValue()).isZero();
		assertThat(((Number) reports.get("medianWorkingDays")).doubleValue()).isEqualTo(19.0);
		assertThat(rows.stream().map((row) -> map(row).get("unit"))).doesNotContain("civil");
	}

	private void assertBadParameter(String uri, String parameter) {
		this.http.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(parameter);
	}

	private Map<String, Object> search(String query) {
		return this.http.get()
			.uri("/api/v1/archive?" + query)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private Map<String, Object> record(String number) {
		return this.http.get()
			.uri("/api/v1/archive/" + number)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private String export(String format, String query) {
		byte[] body = this.http.get()
			.uri("/api/v1/archive/export?format=" + format + "&" + query)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return new String(body, StandardCharsets.UTF_8);
	}

	private static List<String> numbers(Map<String, Object> page) {
		return list(page.get("items")).stream().map((item) -> (String) map(item).get("trackingNumber")).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

}
