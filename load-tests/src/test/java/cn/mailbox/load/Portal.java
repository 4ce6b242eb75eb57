package cn.mailbox.load;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The portal under test and made-up citizens: every letter has its own phone number and
 * text (so neither the per-contact limit nor exact-duplicate screening sees a repeat),
 * and every citizen its own address, told to the portal in {@code X-Forwarded-For} (the
 * portal must trust the loopback as a proxy:
 * {@code --portal.web.trusted-proxies=127.0.0.1,::1}).
 */
final class Portal {

	static final String URL = System.getProperty("portal.url", "http://127.0.0.1:18480");

	private static final String[] PLACES = { "西山区", "东城区", "南湖区", "北苑区", "高新区", "临江县" };

	private static final String[] MATTERS = { "路灯不亮", "垃圾清运不及时", "夜间施工噪音", "小区停水", "公交班次太少", "道路积水", "违章停车堵塞消防通道",
			"菜市场油烟扰民", "学校门口交通拥堵", "物业费收取不透明" };

	private static final String[] NATURES = { "complaint", "suggestion", "consultation", "help" };

	private static final String[] FIELDS = { "urban_construction", "environment", "transport", "water_power_gas",
			"other" };

	private Portal() {
	}

	static HttpProtocolBuilder protocol() {
		return http.baseUrl(URL)
			.acceptHeader("application/json")
			.acceptLanguageHeader("zh-CN")
			.userAgentHeader("mailbox-load-tests");
	}

	static int intProperty(String name, int fallback) {
		return Integer.getInteger(name, fallback);
	}

	/** A public-looking IPv4 address, a different one almost every time. */
	static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return (11 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
				+ (1 + random.nextInt(254));
	}

	/** A valid letter as JSON, about 300 characters of Chinese text. */
	static String randomLetter() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String place = PLACES[random.nextInt(PLACES.length)];
		String matter = MATTERS[random.nextInt(MATTERS.length)];
		int street = 1 + random.nextInt(300);
		int days = 2 + random.nextInt(40);
		String title = place + matter + "的问题（" + street + "号）";
		String body = ("我住在" + place + "幸福路" + street + "号附近，最近" + days + "天以来" + matter + "，已经向社区反映过"
				+ random.nextInt(2, 9) + "次，一直没有解决。附近有老人和孩子，出行和休息都受到影响。" + "希望有关部门尽快派人到现场查看，说明处理的时间安排，并把结果告诉居民。第"
				+ random.nextInt(100000) + "号居民反映。")
			.repeat(2);
		String phone = "13" + random.nextInt(0, 10) + String.format("%08d", random.nextInt(100_000_000));
		return """
				{"mailbox":"mayor","nature":"%s","field":"%s","region":"xishan","title":"%s","body":"%s",\
				"name":"张三","phone":"%s","anonymous":false,"publicationConsent":true}""".formatted(
				NATURES[random.nextInt(NATURES.length)], FIELDS[random.nextInt(FIELDS.length)], title, body, phone);
	}

	/** Endless fresh citizens: {@code address} and {@code letter}. */
	static Iterator<Map<String, Object>> citizens() {
		return Stream.generate(() -> Map.<String, Object>of("address", randomAddress(), "letter", randomLetter()))
			.iterator();
	}

}
