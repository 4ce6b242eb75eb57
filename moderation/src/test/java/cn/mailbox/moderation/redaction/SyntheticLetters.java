package cn.mailbox.moderation.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Inserts fake but valid personal data (checksum-valid ID numbers, Luhn-valid cards,
 * mobiles, landlines, e-mails, plates, IPs, QQ/WeChat ids, names after cue words, street
 * addresses) into real letter texts at random clause boundaries. The inserted values, not
 * their cue words, are the ground truth.
 */
final class SyntheticLetters {

	record Truth(RedactionKind kind, int start, int end) {
	}

	record Letter(String text, List<Truth> truth) {
	}

	private record Insert(int at, String prefix, String value, String suffix, RedactionKind kind) {
	}

	private static final RedactionKind[] KINDS = { RedactionKind.ID_NUMBER, RedactionKind.PHONE, RedactionKind.PHONE,
			RedactionKind.EMAIL, RedactionKind.BANK_CARD, RedactionKind.PLATE, RedactionKind.IP_ADDRESS,
			RedactionKind.QQ, RedactionKind.WECHAT, RedactionKind.NAME, RedactionKind.NAME, RedactionKind.ADDRESS,
			RedactionKind.ADDRESS, RedactionKind.CONFIDENTIAL };

	private static final String[] REGIONS = { "430102", "430103", "430104", "110101", "110105", "310104", "350203",
			"440305", "510104", "420106", "330106", "320102", "370202", "610113", "500103" };

	private static final String[] MOBILE_PREFIXES = { "130", "131", "132", "133", "135", "136", "137", "138", "139",
			"145", "147", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "176", "177",
			"180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199" };

	private static final String[] AREA_CODES = { "010", "020", "021", "027", "028", "0731", "0732", "0591", "0592",
			"0755", "0371", "0851" };

	private static final String[] MAIL_HOSTS = { "qq.com", "163.com", "126.com", "sina.com", "gmail.com", "hotmail.com",
			"foxmail.com", "yahoo.com.cn", "sohu.com" };

	private static final String[] CARD_BINS = { "622202", "621700", "622848", "623668", "625807", "621226", "622588",
			"436742", "524094", "622700" };

	private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

	private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
			"胡", "郭", "何", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
			"潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "谭", "陆", "汪", "廖", "欧阳", "司马",
			"诸葛", "上官", "司徒" };

	private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰德文斌海波宁凯鹏辉晨雪梅琳颖婷欣怡子轩浩宇思彤佳豪俊峰建义琦梦";

	private static final String[] ROADS = { "芙蓉", "人民", "解放", "五一", "韶山", "建设", "劳动", "桐梓坡", "车站北", "湘府", "万家丽", "东风",
			"金星", "岳麓", "枫林", "麓谷", "书院", "黄兴" };

	private static final String[] ROAD_SUFFIXES = { "路", "中路", "南路", "街", "大道", "巷", "西路" };

	private static final String[] ESTATES = { "景蓉", "金色家", "阳光", "丽都", "湘江世纪", "幸福", "恒大", "碧桂", "万科", "保利", "中南", "锦绣",
			"杜鹃文", "枫林", "天心" };

	private static final String[] ESTATE_SUFFIXES = { "小区", "花园", "苑", "大厦", "家园", "公寓", "新村" };

	private final Random random;

	/** A writer's form fields and how they are written again in a reply, disguised. */
	record Writer(DenyList fields, List<String> rewritten, List<RedactionKind> kinds) {
	}

	SyntheticLetters(long seed) {
		this.random = new Random(seed);
	}

	/** {@code text} with 3–6 values inserted. */
	Letter insertInto(String text) {
		int count = 3 + this.random.nextInt(4);
		List<Insert> inserts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			RedactionKind kind = KINDS[this.random.nextInt(KINDS.length)];
			inserts.add(evade(snippet(kind, position(text))));
		}
		inserts.sort((a, b) -> Integer.compare(a.at(), b.at()));
		StringBuilder out = new StringBuilder();
		List<Truth> truth = new ArrayList<>();
		int at = 0;
		for (Insert insert : inserts) {
			out.append(text, at, insert.at());
			out.append(insert.prefix());
			truth.add(new Truth(insert.kind(), out.length(), out.length() + insert.value().length()));
			out.append(insert.value()).append(insert.suffix());
			at = insert.at();
		}
		out.append(text, at, text.length());
		return new Letter(out.toString(), truth);
	}

	/**
	 * Mostly right after a clause's punctuation; otherwise anywhere not touching a letter
	 * or digit.
	 */
	private int position(String text) {
		int at = this.random.nextInt(text.length() + 1);
		if (this.random.nextInt(10) < 7) {
			while (at < text.length() && "，。；！？".indexOf(text.charAt(at)) < 0) {
				at++;
			}
			at = Math.min(text.length(), at + 1);
		}
		while (at > 0 && at < text.length() && (isAsciiAlnum(text.charAt(at - 1)) || isAsciiAlnum(text.charAt(at)))) {
			at--;
		}
		return at;
	}

	private static boolean isAsciiAlnum(char c) {
		return c < 128 && Character.isLetterOrDigit(c);
	}

	/**
	 * A writer with all five fields, each rewritten the way a reply or a careless letter
	 * repeats it: spaces or dashes in numbers, full-width, zero-width, another case, the
	 * address without its district, the name with spaces between the chars.
	 */
	Writer writer() {
		String name = name();
		String mobile = pick(MOBILE_PREFIXES) + digits(8);
		String email = email();
		String body = pick(REGIONS) + String.format("%04d%02d%02d", 1950 + this.random.nextInt(56),
				1 + this.random.nextInt(12), 1 + this.random.nextInt(28)) + digits(3);
		String id = body + IdNumberDetector.checkDigit(body);
		String street = address();
		DenyList fields = new DenyList(name, mobile, email, id, "A市A3区" + street);
		List<String> rewritten = List.of(disguise(this.random.nextBoolean() ? name : String.join(" ", name.split(""))),
				disguise(mobile.substring(0, 3) + pick(" ", "-", "") + mobile.substring(3, 7) + pick(" ", "-", "")
						+ mobile.substring(7)),
				disguise(this.random.nextBoolean() ? email.toUpperCase() : email),
				disguise(id.substring(0, 6) + pick(" ", "") + id.substring(6, 14) + pick(" ", "") + id.substring(14)),
				disguise(street));
		return new Writer(fields, rewritten, List.of(RedactionKind.NAME, RedactionKind.PHONE, RedactionKind.EMAIL,
				RedactionKind.ID_NUMBER, RedactionKind.ADDRESS));
	}

	private String disguise(String value) {
		return switch (this.random.nextInt(4)) {
			case 0 -> fullWidth(value);
			case 1 -> value.substring(0, 1) + "\u200b" + value.substring(1);
			default -> value;
		};
	}

	/** {@code text} with each value inserted once, bare: no cue word announces it. */
	Letter insertBare(String text, List<String> values, List<RedactionKind> kinds) {
		List<Insert> inserts = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			inserts.add(new Insert(position(text), "", values.get(i), "，", kinds.get(i)));
		}
		inserts.sort((a, b) -> Integer.compare(a.at(), b.at()));
		StringBuilder out = new StringBuilder();
		List<Truth> truth = new ArrayList<>();
		int at = 0;
		for (Insert insert : inserts) {
			out.append(text, at, insert.at());
			truth.add(new Truth(insert.kind(), out.length(), out.length() + insert.value().length()));
			out.append(insert.value()).append(insert.suffix());
			at = insert.at();
		}
		out.append(text, at, text.length());
		return new Letter(out.toString(), truth);
	}

	/**
	 * One value in five is disguised the way people dodge filters: full-width digits and
	 * letters, or a zero-width space inside. Names and passages stay as written.
	 */
	private Insert evade(Insert insert) {
		if (insert.kind() == RedactionKind.NAME || insert.kind() == RedactionKind.CONFIDENTIAL
				|| this.random.nextInt(5) != 0) {
			return insert;
		}
		String value = insert.value();
		if (this.random.nextBoolean()) {
			value = fullWidth(value);
		}
		else {
			int at = 2 + this.random.nextInt(Math.max(1, value.length() - 3));
			value = value.substring(0, at) + "\u200b" + value.substring(at);
		}
		return new Insert(insert.at(), insert.prefix(), value, insert.suffix(), insert.kind());
	}

	static String fullWidth(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			out.append((c > ' ' && c < 127) ? (char) (c + 0xfee0) : c);
		}
		return out.toString();
	}

	private Insert snippet(RedactionKind kind, int at) {
		return switch (kind) {
			case ID_NUMBER -> new Insert(at, pick("身份证号：", "身份证号码", "公民身份号码：", "我的身份证是", ""), idNumber(), "，", kind);
			case PHONE -> new Insert(at, pick("联系电话：", "我的手机号是", "电话", "请拨打", "联系方式：", ""),
					this.random.nextBoolean() ? mobile() : landline(), pick("，", "。", " "), kind);
			case EMAIL -> new Insert(at, pick("邮箱：", "电子邮件", "我的邮箱是", ""), email(), pick("，", "。", " "), kind);
			case BANK_CARD -> new Insert(at, pick("银行卡号：", "卡号", "工资卡账号", "我的储蓄卡", ""), card(), "，", kind);
			case PLATE -> new Insert(at, pick("车牌号为", "一辆车牌", "车牌", ""), plate(), pick("的小车", "，", "停在路边"), kind);
			case IP_ADDRESS -> new Insert(at, pick("IP地址", "服务器地址", "ip:"), ip(), "，", kind);
			case QQ -> new Insert(at, pick("QQ号", "qq:", "QQ：", "扣扣", "QQ号码是"), qq(), pick("，", "。"), kind);
			case WECHAT -> new Insert(at, pick("微信号", "微信：", "wx:", "加微信", "VX："), wechat(), pick("，", "。"), kind);
			case NAME -> nameSnippet(at);
			case ADDRESS ->
				new Insert(at, pick("我家住在A3区", "住在", "位于", "地址：", "家住A市A2区", ""), address(), pick("，", "。", "的"), kind);
			case CONFIDENTIAL -> new Insert(at, "", confidential(), "", kind);
			default -> throw new IllegalArgumentException(kind.name());
		};
	}

	private Insert nameSnippet(int at) {
		String name = name();
		return switch (this.random.nextInt(7)) {
			case 0 -> new Insert(at, "我叫", name, "，", RedactionKind.NAME);
			case 1 -> new Insert(at, "本人", name, pick("，", "是", "于"), RedactionKind.NAME);
			case 2 -> new Insert(at, "举报", name, pick("的违法行为，", "，", "多次"), RedactionKind.NAME);
			case 3 -> new Insert(at, "投诉", name, pick("，", "的问题。"), RedactionKind.NAME);
			case 4 -> new Insert(at, "反映", name, pick("的情况，", "，"), RedactionKind.NAME);
			default -> new Insert(at, pick("找到", "联系了", "向"), name, pick("主任", "经理", "书记", "局长", "老师", "医生") + "，",
					RedactionKind.NAME);
		};
	}

	private String pick(String... options) {
		return options[this.random.nextInt(options.length)];
	}

	private String digits(int count) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < count; i++) {
			b.append(this.random.nextInt(10));
		}
		return b.toString();
	}

	String idNumber() {
		String birth = String.format("%04d%02d%02d", 1950 + this.random.nextInt(56), 1 + this.random.nextInt(12),
				1 + this.random.nextInt(28));
		String body = pick(REGIONS) + birth + digits(3);
		String id = body + IdNumberDetector.checkDigit(body);
		return switch (this.random.nextInt(4)) {
			case 0 -> id.substring(0, 6) + " " + id.substring(6, 14) + " " + id.substring(14);
			case 1 -> id.toLowerCase();
			default -> id;
		};
	}

	String mobile() {
		String number = pick(MOBILE_PREFIXES) + digits(8);
		return switch (this.random.nextInt(6)) {
			case 0 -> number.substring(0, 3) + " " + number.substring(3, 7) + " " + number.substring(7);
			case 1 -> number.substring(0, 3) + "-" + number.substring(3, 7) + "-" + number.substring(7);
			case 2 -> "+86 " + number;
			case 3 -> "+86" + number;
			default -> number;
		};
	}

	String landline() {
		String area = pick(AREA_CODES);
		String local = (2 + this.random.nextInt(7)) + digits(area.length() == 3 ? 7 : 6 + this.random.nextInt(2));
		return switch (this.random.nextInt(3)) {
			case 0 -> "(" + area + ")" + local;
			case 1 -> area + local;
			default -> area + "-" + local;
		};
	}

	String email() {
		String letters = "abcdefghijklmnopqrstuvwxyz";
		StringBuilder local = new StringBuilder();
		int length = 4 + this.random.nextInt(8);
		for (int i = 0; i < length; i++) {
			local.append(this.random.nextInt(3) == 0 ? (char) ('0' + this.random.nextInt(10))
					: letters.charAt(this.random.nextInt(26)));
		}
		if (this.random.nextInt(4) == 0) {
			local.insert(2, this.random.nextBoolean() ? '.' : '_');
		}
		return local + "@" + pick(MAIL_HOSTS);
	}

	String card() {
		int length = this.random.nextBoolean() ? 16 : 19;
		String body = pick(CARD_BINS) + digits(length - 7);
		for (int check = 0; check < 10; check++) {
			if (Digits.luhn(body + check)) {
				String card = body + check;
				return this.random.nextInt(3) == 0 ? card.replaceAll("(\\d{4})(?=\\d)", "$1 ") : card;
			}
		}
		throw new IllegalStateException();
	}

	String plate() {
		char province = PROVINCES.charAt(this.random.nextInt(PROVINCES.length()));
		char office = PLATE_LETTERS.charAt(this.random.nextInt(PLATE_LETTERS.length()));
		if (this.random.nextInt(4) == 0) {
			return "" + province + office + pick("D", "F") + digits(5);
		}
		StringBuilder tail = new StringBuilder(digits(5));
		if (this.random.nextBoolean()) {
			tail.setCharAt(this.random.nextInt(5), PLATE_LETTERS.charAt(this.random.nextInt(PLATE_LETTERS.length())));
		}
		return "" + province + office + tail;
	}

	String ip() {
		if (this.random.nextInt(4) == 0) {
			StringBuilder v6 = new StringBuilder("2001:db8");
			for (int i = 0; i < 6; i++) {
				v6.append(':').append(Integer.toHexString(this.random.nextInt(65536)));
			}
			return this.random.nextBoolean() ? v6.toString()
					: "2001:db8::" + Integer.toHexString(this.random.nextInt(65536));
		}
		return (1 + this.random.nextInt(223)) + "." + this.random.nextInt(256) + "." + this.random.nextInt(256) + "."
				+ (1 + this.random.nextInt(254));
	}

	/** A whole sentence carrying a confidentiality marking; the sentence is the truth. */
	String confidential() {
		return pick("这份会议纪要属于内部资料，", "该通知为内部文件，", "此材料仅供内部参考，", "附件标注秘密★1年，", "领导说这是绝密文件，")
				+ pick("不得外传。", "请勿外传。", "我们按要求没有公开。", "但已经有人传到网上。");
	}

	String qq() {
		return (1 + this.random.nextInt(9)) + digits(4 + this.random.nextInt(6));
	}

	String wechat() {
		String letters = "abcdefghijklmnopqrstuvwxyz";
		StringBuilder id = new StringBuilder().append(letters.charAt(this.random.nextInt(26)));
		int length = 5 + this.random.nextInt(10);
		for (int i = 0; i < length; i++) {
			int r = this.random.nextInt(12);
			id.append(r < 7 ? letters.charAt(this.random.nextInt(26))
					: r < 11 ? (char) ('0' + this.random.nextInt(10)) : '_');
		}
		return id.toString();
	}

	String name() {
		String name = pick(SURNAMES);
		int given = (name.length() == 2 || this.random.nextInt(3) == 0) ? 1 : 2;
		for (int i = 0; i < given; i++) {
			name += GIVEN.charAt(this.random.nextInt(GIVEN.length()));
		}
		return name;
	}

	String address() {
		int shape = this.random.nextInt(3);
		String road = pick(ROADS) + pick(ROAD_SUFFIXES) + (1 + this.random.nextInt(500)) + "号";
		String building = (1 + this.random.nextInt(30)) + pick("栋", "幢", "号楼");
		String unit = this.random.nextBoolean() ? (1 + this.random.nextInt(6)) + "单元" : "";
		String room = (1 + this.random.nextInt(30)) + String.format("%02d", 1 + this.random.nextInt(6))
				+ pick("室", "房", "号");
		String estate = pick(ESTATES) + pick(ESTATE_SUFFIXES) + building + unit + room;
		return switch (shape) {
			case 0 -> road;
			case 1 -> estate;
			default -> road + estate;
		};
	}

}
