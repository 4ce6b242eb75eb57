package cn.mailbox.moderation.redaction;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedactorTests {

	private static final Redactor redactor = new Redactor(RedactionSettings.defaults());

	private static List<String> found(String text, RedactionKind kind) {
		return spans(text, kind).stream().map((span) -> text.substring(span.start(), span.end())).toList();
	}

	private static List<RedactionSpan> spans(String text, RedactionKind kind) {
		return redactor.detect(text, DenyList.NONE).stream().filter((span) -> span.kind() == kind).toList();
	}

	// ID numbers

	@Test
	void flagsValidIdNumber() {
		List<RedactionSpan> spans = spans("我的身份证号是430102199001011238，请核实。", RedactionKind.ID_NUMBER);
		assertThat(spans).singleElement().satisfies((span) -> assertThat(span.score()).isGreaterThan(0.9));
		assertThat(found("号码 110105 19491231 002x 已提交", RedactionKind.ID_NUMBER))
			.containsExactly("110105 19491231 002x");
	}

	@Test
	void flagsIdNumberWithBadChecksumNextToKeyword() {
		List<RedactionSpan> spans = spans("身份证号：430102199001011234", RedactionKind.ID_NUMBER);
		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.score()).isBetween(0.5, 0.9);
			assertThat(span.explanation()).contains("check digit");
		});
	}

	@Test
	void ignoresBadChecksumWithoutKeywordAtDefaultThreshold() {
		assertThat(found("编号430102199001011234", RedactionKind.ID_NUMBER)).isEmpty();
		Redactor lenient = new Redactor(RedactionSettings.defaults().withThreshold(0.3));
		assertThat(lenient.detect("编号430102199001011234", DenyList.NONE))
			.anyMatch((span) -> span.kind() == RedactionKind.ID_NUMBER);
	}

	@Test
	void rejectsImpossibleBirthDateAndRegion() {
		assertThat(found("身份证430102199013011235", RedactionKind.ID_NUMBER)).isEmpty();
		assertThat(found("身份证990102199001011236", RedactionKind.ID_NUMBER)).isEmpty();
	}

	@Test
	void computesGb11643CheckDigit() {
		assertThat(IdNumberDetector.checkDigit("11010519491231002")).isEqualTo('X');
		assertThat(IdNumberDetector.checkDigit("43010219900101123")).isEqualTo('8');
	}

	// phones

	@Test
	void flagsMobileNumbersInCommonFormats() {
		assertThat(found("手机13800138000，或+86 139-0013-9000，或 86 137 0013 7000。", RedactionKind.PHONE))
			.containsExactly("13800138000", "+86 139-0013-9000", "86 137 0013 7000");
	}

	@Test
	void flagsLandlinesWithAreaCode() {
		assertThat(found("请拨0731-88886666或(010)62345678转123", RedactionKind.PHONE)).containsExactly("0731-88886666",
				"(010)62345678转123");
	}

	@Test
	void flagsLocalNumberOnlyNextToPhoneKeyword() {
		assertThat(found("座机电话8888 6666", RedactionKind.PHONE)).containsExactly("8888 6666");
		assertThat(found("共计8888 6666元", RedactionKind.PHONE)).isEmpty();
	}

	@Test
	void neverCutsPhoneOutOfLongerDigitRun() {
		String text = "订单号2019123456789012345已发货，编号 6222 1380 0138 0001 9。";
		assertThat(redactor.detect(text, DenyList.NONE)).noneMatch((span) -> span.kind() == RedactionKind.PHONE);
		assertThat(found("订单号2019123456789012345", RedactionKind.BANK_CARD)).isEmpty();
	}

	@Test
	void findsNoPhoneInTheTailOfASpacedIdNumber() {
		assertThat(found("证件 330106 19551206903X 已登记", RedactionKind.PHONE)).isEmpty();
	}

	@Test
	void separatesTwoPhonesWrittenSideBySide() {
		assertThat(found("联系方式：18542837958 13103739214", RedactionKind.PHONE)).containsExactly("18542837958",
				"13103739214");
	}

	@Test
	void ignoresOrganisersMaskedNumbers() {
		assertThat(found("电话0000-00000000，手机00000000000", RedactionKind.PHONE)).isEmpty();
	}

	// evasion

	@Test
	void seesThroughFullWidthDigits() {
		String text = "我的电话是１３８００１３８０００。";
		assertThat(found(text, RedactionKind.PHONE)).containsExactly("１３８００１３８０００");
	}

	@Test
	void seesThroughZeroWidthCharactersAndSpaces() {
		String text = "打138\u200b0013 8000找我";
		List<RedactionSpan> spans = spans(text, RedactionKind.PHONE);
		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.start()).isEqualTo(1);
			assertThat(span.end()).isEqualTo(text.indexOf("找"));
		});
	}

	// other structured kinds

	@Test
	void flagsEmailAddresses() {
		assertThat(found("邮箱：zhang.san_01@163.com，抄送ＬＩ＠ＱＱ．ＣＯＭ", RedactionKind.EMAIL))
			.containsExactly("zhang.san_01@163.com", "ＬＩ＠ＱＱ．ＣＯＭ");
	}

	@Test
	void scoresBankCardsByLuhnAndContext() {
		List<RedactionSpan> withCue = spans("工资卡卡号6222 0212 3456 7890 128，", RedactionKind.BANK_CARD);
		assertThat(withCue).singleElement().satisfies((span) -> assertThat(span.score()).isGreaterThan(0.9));
		assertThat(found("转到6222021234567890128", RedactionKind.BANK_CARD)).hasSize(1);
		assertThat(found("银行卡号6222021234567890127", RedactionKind.BANK_CARD)).hasSize(1);
		assertThat(found("流水号6222021234567890127", RedactionKind.BANK_CARD)).isEmpty();
		assertThat(found("身份证号码44030519640306420x，", RedactionKind.BANK_CARD)).isEmpty();
	}

	@Test
	void flagsOrdinaryAndNewEnergyPlates() {
		assertThat(found("车牌湘A12345的车，还有湘AD12345和粤B12345F，湘a8b8c8。", RedactionKind.PLATE)).containsExactly("湘A12345",
				"湘AD12345", "粤B12345F", "湘a8b8c8");
		assertThat(found("A3区西湖路", RedactionKind.PLATE)).isEmpty();
		assertThat(found("签名2019-12-6京Q14938，", RedactionKind.PLATE)).containsExactly("京Q14938");
	}

	@Test
	void flagsIpAddresses() {
		assertThat(found("登录IP为192.168.1.20，ip:2001:db8::8a2e:370:7334，版本1.2.3，单价4.23元，12:30:45到",
				RedactionKind.IP_ADDRESS))
			.containsExactly("192.168.1.20", "2001:db8::8a2e:370:7334");
	}

	@Test
	void flagsQqAndWechatIdsOnlyAfterContextWords() {
		assertThat(found("QQ号：123456789，qq:10001", RedactionKind.QQ)).containsExactly("123456789", "10001");
		assertThat(found("微信号：wxid_abc123，加wx: zhang_san88", RedactionKind.WECHAT)).containsExactly("wxid_abc123",
				"zhang_san88");
		assertThat(redactor.detect("共有123456789人", DenyList.NONE)).isEmpty();
	}

	// addresses

	@Test
	void flagsAddressChainsBelowDistrictLevel() {
		assertThat(found("我家住在A3区景蓉华苑3栋2单元501室，", RedactionKind.ADDRESS)).containsExactly("景蓉华苑3栋2单元501室");
		assertThat(found("位于A市A2区芙蓉中路二段198号的门面", RedactionKind.ADDRESS)).containsExactly("芙蓉中路二段198号");
		assertThat(found("地址：人民路12号金色花园5幢1203房。", RedactionKind.ADDRESS)).containsExactly("人民路12号金色花园5幢1203房");
	}

	@Test
	void leavesDistrictsAndEstateNamesAlone() {
		assertThat(found("A3区杜鹃文苑小区外的检测站，3号线地铁", RedactionKind.ADDRESS)).isEmpty();
	}

	// names

	@Test
	void findsNamesAfterCueWords() {
		assertThat(found("我叫李建义，本人王芳反映问题。", RedactionKind.NAME)).contains("李建义", "王芳");
		assertThat(found("我们举报张伟的违法行为", RedactionKind.NAME)).contains("张伟");
	}

	@Test
	void doesNotTakeEverydayWordsAfterCuesForNames() {
		assertThat(found("我要反映高速公路的问题，投诉方面也没回复", RedactionKind.NAME)).isEmpty();
	}

	@Test
	void findsNamesBeforeTitlesWithCompoundSurnames() {
		assertThat(found("祝领导春节向司徒平老师，快乐生活", RedactionKind.NAME)).contains("司徒平");
		assertThat(found("开发商是K市扬找到上官斌主任，正房地产", RedactionKind.NAME)).contains("上官斌");
		assertThat(found("找到曾雪老师，在经过医院", RedactionKind.NAME)).contains("曾雪");
		assertThat(found("请向上官丽老师反映", RedactionKind.NAME)).contains("上官丽");
		assertThat(found("感谢王主任和欧阳娜娜医生", RedactionKind.NAME)).contains("王", "欧阳娜娜");
	}

	@Test
	void findsNamesAfterRoles() {
		assertThat(found("房管局中介服务管理所所长史小明表示，政策不变", RedactionKind.NAME)).contains("史小明");
		assertThat(found("经营户刘林权，位于车站北路", RedactionKind.NAME)).contains("刘林权");
		assertThat(found("全体业主恳请严书记严查。老旧居民区居多，", RedactionKind.NAME)).doesNotContain("严查", "区居多");
	}

	@Test
	void findsFamiliarForms() {
		assertThat(found("老王和小李都说不知道", RedactionKind.NAME)).contains("老王", "小李");
		assertThat(found("老师说小区的小时工", RedactionKind.NAME)).isEmpty();
	}

	@Test
	void findsNamesWithoutCuesThroughHanlp() {
		assertThat(found("昨天张建华在小区门口拦住了我们。", RedactionKind.NAME)).contains("张建华");
	}

	@Test
	void doesNotTakeInstitutionsForNames() {
		String reply = "经区住建局、区城管局和街道办核实，班主任已向家长说明，市长信箱收悉。";
		assertThat(found(reply, RedactionKind.NAME)).isEmpty();
	}

	@Test
	void keepsStatisticalNamesOptional() {
		Redactor rulesOnly = new Redactor(RedactionSettings.defaults().withStatisticalNames(false));
		List<RedactionSpan> spans = rulesOnly.detect("昨天张建华在小区门口拦住了我们。我叫李建义。", DenyList.NONE);
		assertThat(spans).extracting(RedactionSpan::explanation).noneMatch((why) -> why.contains("HanLP"));
		assertThat(spans).anyMatch((span) -> span.kind() == RedactionKind.NAME);
	}

	// confidential passages

	@Test
	void redactsTheSentenceHoldingAConfidentialityMarking() {
		String text = "情况如下。本材料系内部资料，不得外传。请尽快处理！";
		assertThat(found(text, RedactionKind.CONFIDENTIAL)).containsExactly("本材料系内部资料，不得外传。");
		assertThat(found("秘密★1年\n会议纪要", RedactionKind.CONFIDENTIAL)).containsExactly("秘密★1年");
	}

	@Test
	void leavesEverydaySecretsAlone() {
		assertThat(found("商业秘密的秘密性是其价值的前提。", RedactionKind.CONFIDENTIAL)).isEmpty();
	}

	// deny list and propagation

	@Test
	void redactsTheWritersOwnFieldsWhereverTheyAppear() {
		DenyList writer = new DenyList("赵小明", "138-0013-8000", "ZXM@Example.com", "11010519491231002X", "A市A3区桐梓坡路18号");
		String reply = "赵 小 明同志：您反映的问题已转交，请保持１３８ ００１３ ８０００畅通，回复已发zxm@example.com，"
				+ "身份证1101 0519 4912 3100 2x已核验，桐梓坡路18号的问题已处理。";
		RedactionResult result = redactor.detectLetter("", reply, writer);
		List<String> redacted = result.replySpans()
			.stream()
			.filter((span) -> span.score() == 1.0)
			.map((span) -> reply.substring(span.start(), span.end()))
			.toList();
		assertThat(redacted).contains("赵 小 明", "１３８ ００１３ ８０００", "zxm@example.com", "1101 0519 4912 3100 2x", "桐梓坡路18号");
	}

	@Test
	void redactsWritersLandlineWithoutAreaCode() {
		DenyList writer = new DenyList(null, "0731-8888 6666", null, null, null);
		assertThat(redactor.detect("打88886666找我", writer)).singleElement()
			.satisfies((span) -> assertThat(span.kind()).isEqualTo(RedactionKind.PHONE));
	}

	@Test
	void propagatesNamesFromLetterToReply() {
		String letter = "我叫刘德胜，家里漏水。";
		String reply = "经核实，刘德胜家的漏水问题已解决，请刘德胜知悉。";
		RedactionResult result = redactor.detectLetter(letter, reply, DenyList.NONE);
		assertThat(result.letterSpans()).anyMatch((span) -> letter.substring(span.start(), span.end()).equals("刘德胜"));
		assertThat(result.replySpans().stream().filter((span) -> span.kind() == RedactionKind.NAME))
			.extracting((span) -> reply.substring(span.start(), span.end()))
			.containsExactly("刘德胜", "刘德胜");
	}

	@Test
	void propagatesNamesFoundInTheReplyBackToTheLetter() {
		String letter = "孙丽华一直不处理，刘经理也不管。";
		String reply = "已约谈物业负责人孙丽华经理。";
		RedactionResult result = redactor.detectLetter(letter, reply, DenyList.NONE);
		assertThat(result.letterSpans()).anyMatch((span) -> letter.substring(span.start(), span.end()).equals("孙丽华"));
	}

	// applying

	@Test
	void mergesOverlappingSpansUnderTheStrongestKind() {
		String text = "微信13800138000";
		List<RedactionSpan> spans = List.of(new RedactionSpan(RedactionKind.WECHAT, 2, 13, 0.9, "wechat"),
				new RedactionSpan(RedactionKind.PHONE, 2, 13, 0.95, "phone"),
				new RedactionSpan(RedactionKind.NAME, 0, 3, 0.5, "noise"));
		assertThat(redactor.apply(text, spans, LabelStyle.TYPED_LABELS)).isEqualTo("[电话]");
		assertThat(Redactor.merge(spans)).hasSize(1);
	}

	@Test
	void writesTypedLabelsOrTheSurnameConvention() {
		String text = "我叫欧阳娜娜，电话13800138000，老王也知道，李建义作证。";
		List<RedactionSpan> spans = redactor.detect(text, DenyList.NONE);
		assertThat(redactor.apply(text, spans, LabelStyle.TYPED_LABELS)).isEqualTo("我叫[姓名]，电话[电话]，[姓名]也知道，[姓名]作证。");
		assertThat(redactor.apply(text, spans, LabelStyle.SURNAME_MOU)).isEqualTo("我叫欧阳某，电话[电话]，王某也知道，李某作证。");
	}

	@Test
	void appliesSpansToTheOriginalText() {
		String text = "电话：１３８\u200b００１３８０００，邮箱ａ１２＠ｑｑ．ｃｏｍ。";
		String redacted = redactor.apply(text, redactor.detect(text, DenyList.NONE), LabelStyle.TYPED_LABELS);
		assertThat(redacted).isEqualTo("电话：[电话]，邮箱[邮箱]。");
	}

	@Test
	void onlyLooksForTheKindsAsked() {
		Redactor phonesOnly = new Redactor(new RedactionSettings(0.5, EnumSet.of(RedactionKind.PHONE), false));
		List<RedactionSpan> spans = phonesOnly.detect("我叫李建义，电话13800138000，邮箱a@b.cn",
				new DenyList(null, null, "a@b.cn", null, null));
		assertThat(spans).extracting(RedactionSpan::kind).containsExactly(RedactionKind.PHONE, RedactionKind.EMAIL);
	}

	@Test
	void rejectsEmptySpansAndScoresOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RedactionSpan(RedactionKind.NAME, 3, 3, 0.5, ""));
		assertThatIllegalArgumentException().isThrownBy(() -> new RedactionSpan(RedactionKind.NAME, 0, 3, 1.5, ""));
	}

	@Test
	void handlesLongLettersInOnePass() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 300; i++) {
			text.append("第").append(i).append("户反映小区路灯不亮，联系电话1380013").append(String.format("%04d", i)).append("。");
		}
		List<RedactionSpan> phones = spans(text.toString(), RedactionKind.PHONE);
		assertThat(phones).hasSize(300);
		List<RedactionSpan> sorted = new ArrayList<>(phones);
		sorted.sort((a, b) -> Integer.compare(a.start(), b.start()));
		assertThat(phones).containsExactlyElementsOf(sorted);
	}

	@Test
	void takesNoQuantityMeasureWordOrConjunctionForAName() {
		assertThat(found("小区共5000余户，在校学生4700余人。", RedactionKind.NAME)).isEmpty();
		assertThat(found("我们感谢两位同志，也向有关部门和市长热线反映过。", RedactionKind.NAME)).isEmpty();
		assertThat(found("这些钱去哪里了？住房安全得不到保障何谈脱贫。", RedactionKind.NAME)).isEmpty();
	}

	@Test
	void stillFindsAWordlikeSurnameBeforeATitle() {
		assertThat(found("服务态度不好，找到任平主任也没有解决。", RedactionKind.NAME)).containsExactly("任平");
	}

}
