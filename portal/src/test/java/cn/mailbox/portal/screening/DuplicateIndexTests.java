package cn.mailbox.portal.screening;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateIndexTests {

	private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

	private static final String TITLE = "A3区某小区地下车库长期积水无人处理";

	private static final String BODY = """
			尊敬的领导您好！我是A3区某小区的业主，小区地下车库从今年三月开始长期积水，最深处超过二十厘米，
			车辆进出非常困难，墙面已经发霉，照明线路泡在水里存在触电隐患。我们多次向物业公司反映，
			物业只是派人用水泵抽了一次，没过几天又积满了水。开发商说是防水工程的问题，要等保修单位来处理，
			但是已经过去两个多月仍然没有人来。请住建部门督促开发商和物业尽快查明渗水原因并彻底维修，
			保障业主的人身和财产安全。""";

	private static final String OTHER_BODY = """
			我家孩子今年九月要上小学，按照学区划分应该就读附近的实验小学，但是学校说学位已满，
			要求我们去五公里外的另一所学校报到。我们户口和房产都在学区内，而且是唯一住房，
			请问教育局学位分配的依据是什么？有没有办法申请复核？希望能够公开学位分配的名单和规则。""";

	private final DuplicateIndex index = new DuplicateIndex(DuplicateSettings.DEFAULTS);

	@Test
	void linksAnExactCopyWithOtherPunctuationAndWidthToTheEarliest() {
		this.index.checkAndAdd(this.index.sign(1, T0, "13900000001", TITLE, BODY));
		this.index.checkAndAdd(this.index.sign(2, T0.plusSeconds(60), "13900000002", TITLE, BODY));
		String reformatted = BODY.replace("，", ",").replace("。", ". ").replace("二十", "２０").replace("\n", "");
		DuplicateCheck check = this.index
			.check(this.index.sign(3, T0.plusSeconds(120), "13900000001", TITLE, reformatted));
		assertThat(check).isInstanceOfSatisfying(DuplicateCheck.Near.class,
				(near) -> assertThat(near.earliestLetterId()).isEqualTo(1));
		DuplicateCheck exact = this.index.check(this.index.sign(3, T0.plusSeconds(120), "13900000001", TITLE,
				BODY.replace("，", ",").replace("。", ". ").replace("\n", " ")));
		// Letter 2, a copy of the recent letter 1, is not kept in the lookup tables.
		assertThat(exact).isEqualTo(new DuplicateCheck.Exact(1, java.util.List.of(1L), true));
	}

	@Test
	void aCampaignOfIdenticalLettersLinksEveryCopyToTheFirstWithoutGrowingTheLookupTables() {
		this.index.checkAndAdd(this.index.sign(100, T0, "first", TITLE, BODY));
		for (int copy = 1; copy <= 2_000; copy++) {
			DuplicateCheck check = this.index
				.checkAndAdd(this.index.sign(100 + copy, T0.plusSeconds(copy), "sender-" + copy, TITLE, BODY));
			assertThat(check).isInstanceOfSatisfying(DuplicateCheck.Exact.class,
					(exact) -> assertThat(exact.earliestLetterId()).isEqualTo(100));
		}
		assertThat(this.index.size()).isEqualTo(2_001);
		assertThat(this.index.indexedLetters()).isEqualTo(1);
		// Half a window later a copy is indexed again, so the campaign stays findable
		// after
		// the first letter leaves the window.
		Instant later = T0.plus(DuplicateSettings.DEFAULTS.window().dividedBy(2)).plusSeconds(3_000);
		this.index.checkAndAdd(this.index.sign(5_000, later, "late", TITLE, BODY));
		assertThat(this.index.indexedLetters()).isEqualTo(2);
		this.index.remove(100);
		assertThat(this.index.check(this.index.sign(5_001, later.plusSeconds(1), "next", TITLE, BODY)))
			.isInstanceOfSatisfying(DuplicateCheck.Exact.class,
					(exact) -> assertThat(exact.earliestLetterId()).isEqualTo(5_000));
	}

	@Test
	void linksEditedCopiesFromOtherSendersToTheEarliestLetter() {
		this.index.checkAndAdd(this.index.sign(10, T0, "a@example.com", TITLE, BODY));
		Random random = new Random(7);
		for (int copy = 1; copy <= 5; copy++) {
			String edited = edit(BODY, 0.2, random);
			DuplicateCheck check = this.index.checkAndAdd(
					this.index.sign(10 + copy, T0.plus(Duration.ofHours(copy)), "b@example.com", TITLE, edited));
			assertThat(check).isInstanceOfSatisfying(DuplicateCheck.Near.class, (near) -> {
				assertThat(near.earliestLetterId()).isEqualTo(10);
				assertThat(near.sameSender()).isFalse();
				assertThat(near.similarity()).isGreaterThanOrEqualTo(0.4);
			});
		}
	}

	@Test
	void keepsDistinctLettersApart() {
		this.index.checkAndAdd(this.index.sign(1, T0, null, TITLE, BODY));
		assertThat(this.index.checkAndAdd(this.index.sign(2, T0.plusSeconds(5), null, "学位分配问题", OTHER_BODY)))
			.isEqualTo(new DuplicateCheck.Unique());
	}

	@Test
	void forgetsLettersOutsideTheTimeWindow() {
		DuplicateIndex week = new DuplicateIndex(new DuplicateSettings(Duration.ofDays(7), 1000, 0.4, 10));
		week.checkAndAdd(week.sign(1, T0, null, TITLE, BODY));
		assertThat(week.check(week.sign(2, T0.plus(Duration.ofDays(6)), null, TITLE, BODY)))
			.isInstanceOf(DuplicateCheck.Exact.class);
		assertThat(week.check(week.sign(3, T0.plus(Duration.ofDays(8)), null, TITLE, BODY)))
			.isEqualTo(new DuplicateCheck.Unique());
		week.add(week.sign(4, T0.plus(Duration.ofDays(8)), null, "学位分配问题", OTHER_BODY));
		assertThat(week.size()).isEqualTo(1);
	}

	@Test
	void keepsOnlyTheLastLettersWhenLimitedByCount() {
		DuplicateIndex lastTwo = new DuplicateIndex(new DuplicateSettings(Duration.ofDays(365), 2, 0.4, 10));
		lastTwo.add(lastTwo.sign(1, T0, null, TITLE, BODY));
		lastTwo.add(lastTwo.sign(2, T0.plusSeconds(1), null, "学位分配问题", OTHER_BODY));
		lastTwo.add(lastTwo.sign(3, T0.plusSeconds(2), null, "别的事", "完全不同的第三封信，内容是关于公园的健身器材损坏的问题。"));
		assertThat(lastTwo.size()).isEqualTo(2);
		assertThat(lastTwo.check(lastTwo.sign(4, T0.plusSeconds(3), null, TITLE, BODY)))
			.isEqualTo(new DuplicateCheck.Unique());
	}

	@Test
	void comparesVeryShortTextsOnlyExactly() {
		this.index.add(this.index.sign(1, T0, null, "", "路灯坏了"));
		assertThat(this.index.check(this.index.sign(2, T0.plusSeconds(1), null, "", "路灯坏了！")))
			.isInstanceOf(DuplicateCheck.Exact.class);
		assertThat(this.index.check(this.index.sign(3, T0.plusSeconds(1), null, "", "路灯坏啦")))
			.isEqualTo(new DuplicateCheck.Unique());
	}

	@Test
	void readsASignatureOfTheFirstSchemeWithItsExactHashButWithoutItsMinHash() {
		DuplicateSignature current = this.index.sign(7, T0, "13900000001", TITLE, BODY);
		byte[] firstScheme = firstSchemeBytes(current);
		assertThat(DuplicateSignature.currentScheme(firstScheme)).isFalse();
		assertThat(DuplicateSignature.currentScheme(current.toBytes())).isTrue();

		DuplicateSignature read = DuplicateSignature.fromBytes(firstScheme);
		assertThat(read.letterId()).isEqualTo(7);
		assertThat(read.senderKey()).isEqualTo("13900000001");
		assertThat(read.exactHash()).isEqualTo(current.exactHash());
		assertThat(read.hasMinHash()).as("values of another scheme must never be compared").isFalse();
		this.index.add(read);
		assertThat(this.index.check(this.index.sign(8, T0.plusSeconds(1), null, TITLE, BODY)))
			.isInstanceOf(DuplicateCheck.Exact.class);
	}

	@Test
	void estimatesJaccardSimilarityWithinTheSpreadOfAPerfectMinHash() {
		// 256 independent permutations estimate J with a standard deviation of
		// sqrt(J(1-J)/256), about 0.03 here: a biased or correlated family of
		// permutations would show as a larger error over many pairs.
		Random random = new Random(11);
		double squaredError = 0;
		double error = 0;
		int pairs = 300;
		for (int n = 0; n < pairs; n++) {
			char[] text = new char[300];
			for (int i = 0; i < text.length; i++) {
				text[i] = (char) (0x4e00 + random.nextInt(3000));
			}
			String first = new String(text);
			for (int edits = random.nextInt(120); edits > 0; edits--) {
				text[random.nextInt(text.length)] = (char) (0x4e00 + random.nextInt(3000));
			}
			String second = new String(text);
			double estimate = MinHasher.similarity(new MinHasher(2).signature(first),
					new MinHasher(2).signature(second));
			double jaccard = bigramJaccard(first, second);
			error += estimate - jaccard;
			squaredError += (estimate - jaccard) * (estimate - jaccard);
		}
		assertThat(Math.abs(error / pairs)).as("bias").isLessThan(0.01);
		assertThat(Math.sqrt(squaredError / pairs)).as("root mean square error").isLessThan(0.036);
	}

	@Test
	void rebuildsFromSerialisedSignatures() {
		DuplicateSignature original = this.index.sign(1, T0, "13900000001", TITLE, BODY);
		byte[] stored = original.toBytes();
		DuplicateSignature restored = DuplicateSignature.fromBytes(stored);
		assertThat(restored).isEqualTo(original);
		assertThat(restored.bandKeys()).containsExactly(original.bandKeys());
		assertThat(restored.bandKeys()).hasSize(MinHasher.BANDS);
		assertThat(DuplicateSignature.fromBytes(this.index.sign(2, T0, null, "", "").toBytes()).senderKey()).isNull();

		DuplicateIndex rebuilt = new DuplicateIndex(DuplicateSettings.DEFAULTS);
		rebuilt.add(restored);
		String edited = edit(BODY, 0.15, new Random(3));
		assertThat(rebuilt.check(rebuilt.sign(5, T0.plusSeconds(60), "13900000001", TITLE, edited)))
			.isInstanceOfSatisfying(DuplicateCheck.Near.class, (near) -> {
				assertThat(near.earliestLetterId()).isEqualTo(1);
				assertThat(near.sameSender()).isTrue();
			});
	}

	@Test
	void signaturesAreStableAcrossInstances() {
		DuplicateIndex other = new DuplicateIndex(DuplicateSettings.DEFAULTS);
		assertThat(other.sign(1, T0, null, TITLE, BODY)).isEqualTo(this.index.sign(1, T0, null, TITLE, BODY));
	}

	private static String edit(String text, double rate, Random random) {
		StringBuilder out = new StringBuilder(text);
		String donor = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";
		int edits = (int) Math.round(text.length() * rate);
		for (int e = 0; e < edits; e++) {
			int at = random.nextInt(out.length());
			char replacement = donor.charAt(random.nextInt(donor.length()));
			switch (random.nextInt(3)) {
				case 0 -> out.setCharAt(at, replacement);
				case 1 -> out.insert(at, replacement);
				default -> out.deleteCharAt(at);
			}
		}
		return out.toString();
	}

	private static double bigramJaccard(String a, String b) {
		Set<String> first = new HashSet<>();
		Set<String> second = new HashSet<>();
		for (int i = 0; i + 2 <= a.length(); i++) {
			first.add(a.substring(i, i + 2));
		}
		for (int i = 0; i + 2 <= b.length(); i++) {
			second.add(b.substring(i, i + 2));
		}
		Set<String> union = new HashSet<>(first);
		union.addAll(second);
		first.retainAll(second);
		return first.size() / (double) union.size();
	}

	/**
	 * The layout before the scheme was recorded: no leading scheme, other MinHash values.
	 */
	static byte[] firstSchemeBytes(DuplicateSignature signature) {
		byte[] sender = (signature.senderKey() != null) ? signature.senderKey().getBytes(StandardCharsets.UTF_8)
				: new byte[0];
		ByteBuffer buffer = ByteBuffer.allocate(8 + 8 + 4 + 8 + 4 + 4 * MinHasher.PERMUTATIONS + 4 + sender.length);
		buffer.putLong(signature.letterId());
		buffer.putLong(signature.receivedAt().getEpochSecond());
		buffer.putInt(signature.receivedAt().getNano());
		buffer.putLong(signature.exactHash());
		buffer.putInt(MinHasher.PERMUTATIONS);
		Random random = new Random(signature.letterId());
		for (int i = 0; i < MinHasher.PERMUTATIONS; i++) {
			buffer.putInt(random.nextInt(Integer.MAX_VALUE));
		}
		buffer.putInt((signature.senderKey() != null) ? sender.length : -1);
		buffer.put(sender);
		return buffer.array();
	}

}
