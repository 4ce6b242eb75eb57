package cn.mailbox.moderation.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

/**
 * Personal names. Rules find the names letters are most explicit about: after a cue word
 * (我叫, 本人, 举报, 投诉, 反映 …), before a title (X主任, X经理, X书记, X老师, X医生 …), after a role and
 * before a reporting verb or a comma (所长史小明表示, 经营户刘林权，) and the familiar 老X/小X forms;
 * HanLP's person-name recognition (its portable jar ships the model, so this works
 * offline) finds the rest. HanLP's core dictionary also keeps the rules honest: a surname
 * followed by a char that makes an everyday word (高速, 方面, 小区) is not a name, nor is
 * anything that runs into an institution (区住建局, 街道办).
 */
final class NameDetector implements Detector {

	/**
	 * Chars that end a given name: function words, punctuation-like morphemes, place/unit
	 * markers.
	 */
	private static final String STOP = "的了是在和与及或于对向把被给让从到说也都就还又而但却很要能可这那你我他她它们个些中上下里外前后之其所为因如已经将正并等各每某该此年月日号时分区市县省镇乡村路街楼栋室局委厅处科站队部司等称说讲问请找告诉";

	/** Chars that, right after a candidate, show it is part of an institution's name. */
	private static final String INSTITUTION = "局委办厅院所处科站队部司会村镇乡区县市省路街巷园苑馆校厂店行社桥河湖山港湾庄屯组岭坡渡洲岛塘冲坝";

	/** What follows a place name that HanLP took for a person: 黄江公路, 岳临高速, 岳麓西路. */
	private static final Pattern PLACE_AFTER = Pattern.compile("[东南西北中]路|大道|大街|大桥|公路|高速|社区|小区|花园|广场|片区");

	private static final Pattern CUE = Pattern
		.compile("(我叫|我名叫|名叫|叫做|姓名|本人|联系人|申请人|当事人|被举报人|被投诉人|举报人|投诉人|实名举报|举报|投诉|反映|控告)[:：\\s]*(?:是)?");

	private static final Pattern TITLE = Pattern.compile(
			"副?(?:主任|经理|书记|局长|老师|医生|大夫|院长|校长|所长|科长|处长|县长|区长|市长|镇长|乡长|村长|队长|站长|厂长|部长|主席|律师|警官|师傅|先生|女士|阿姨|同志|会计|护士)");

	/** Roles written before a name: 所长史小明表示, 业主王芳说, 法定代表人张某某. */
	private static final Pattern ROLE = Pattern.compile(
			"(?:主任|经理|书记|支书|局长|处长|科长|所长|院长|校长|行长|会长|董事长|组长|队长|站长|厂长|部长|老板|负责人|法定代表人|法人代表|经营户|业主|村民|居民|网友|记者|教授|律师|民警|司机|师傅|工作人员|经办人)[:：\\s]?");

	/** What may follow a name: a reporting verb or a clause boundary. */
	private static final Pattern AFTER_NAME = Pattern
		.compile("表示|说|称|告诉|介绍|认为|指出|强调|透露|回应|答复|坦言|同志|[，。、：；,;:（(“\"”]|$");

	private static final Pattern NICKNAME = Pattern.compile("[老小]\\p{IsHan}");

	/**
	 * Chars that end a number: a HanLP "name" right after them is a quantity (5000余户).
	 */
	private static final String QUANTITY = "0123456789十百千万亿多";

	/**
	 * Surnames that are common words too (何 "how", 钱 "money", 任 "any"...): a two-char
	 * name with one of them that only HanLP found is more often a phrase than a person.
	 */
	private static final String WORDLIKE_SURNAMES = "何钱任曾施侯柴廉蓝付余和位";

	/** Chars before a measure word: 一位, 两位, 这位, 每位. */
	private static final String COUNTING = "一二两三四五六七八九十几每各这那哪某诸";

	/** Single chars that are surnames but mostly conjunctions before a title. */
	private static final String CONJUNCTIONS = "和与及同";

	private static final int WINDOW_BEFORE = 3;

	private static final int WINDOW_AFTER = 7;

	private final Surnames surnames;

	private final Segment segment;

	NameDetector(Surnames surnames, boolean statistical) {
		this.surnames = surnames;
		this.segment = statistical ? HanLP.newSegment().enableOffset(true).enableNameRecognize(true) : null;
	}

	@Override
	public void detect(String text, List<Finding> out) {
		cued(text, out);
		titled(text, out);
		afterRoles(text, out);
		nicknames(text, out);
		if (this.segment != null) {
			recognised(text, out);
		}
	}

	private void cued(String text, List<Finding> out) {
		Matcher m = CUE.matcher(text);
		while (m.find()) {
			String cue = m.group(1);
			boolean strong = !(cue.equals("举报") || cue.equals("投诉") || cue.equals("反映") || cue.equals("控告"));
			int end = nameEnd(text, m.end(), strong);
			if (end > 0) {
				out.add(new Finding(RedactionKind.NAME, m.end(), end, strong ? 0.85 : 0.75,
						"name after the cue word " + cue));
			}
		}
	}

	/**
	 * The end of a name starting at {@code start}, or -1: surname plus one or two
	 * given-name chars.
	 */
	private int nameEnd(String text, int start, boolean strongCue) {
		int surname = this.surnames.lengthAt(text, start);
		if (surname == 0 || (!strongCue && !this.surnames.trustedAt(text, start))) {
			return -1;
		}
		int given = start + surname;
		boolean trusted = strongCue && this.surnames.trustedAt(text, start);
		if (given >= text.length() || !isNameChar(text.charAt(given))
				|| (!trusted && isEverydayWord(text.substring(start, given + 1)))) {
			return -1;
		}
		int end = given + 1;
		if (end < text.length() && isNameChar(text.charAt(end))
				&& !TITLE.matcher(text).region(end, text.length()).lookingAt()
				&& !(end + 2 <= text.length() && isEverydayWord(text.substring(end, end + 2)))) {
			end++;
		}
		return end;
	}

	private void titled(String text, List<Finding> out) {
		Matcher m = TITLE.matcher(text);
		while (m.find()) {
			int title = m.start();
			for (int length = 4; length >= 1; length--) {
				int start = title - length;
				if (start >= 0 && titledName(text, start, title, m.end())) {
					out.add(new Finding(RedactionKind.NAME, start, title, (length > 1) ? 0.75 : 0.65,
							"name before the title " + m.group()));
					break;
				}
			}
		}
	}

	private boolean titledName(String text, int start, int title, int titleEnd) {
		int surname = this.surnames.lengthAt(text, start);
		int length = title - start;
		if (surname == 0 || length < surname || length - surname > 2) {
			return false;
		}
		for (int i = start + surname; i < title; i++) {
			if (!isNameChar(text.charAt(i))) {
				return false;
			}
		}
		boolean joinedBefore = surname == 1 && start > 0 && isEverydayWord(text.substring(start - 1, start + 1));
		if (joinedBefore) {
			return false;
		}
		if (length > surname) {
			return this.surnames.trustedAt(text, start);
		}
		// A bare surname right after a numeral or demonstrative is a measure word (两位同志,
		// 三位会计), and 和/与/及 before a title join two nouns (部门和市长热线).
		boolean counted = start > 0 && COUNTING.indexOf(text.charAt(start - 1)) >= 0;
		return !counted && CONJUNCTIONS.indexOf(text.charAt(start)) < 0
				&& !isEverydayWord(text.substring(start, titleEnd));
	}

	private void afterRoles(String text, List<Finding> out) {
		Matcher m = ROLE.matcher(text);
		while (m.find()) {
			int start = m.end();
			int surname = this.surnames.lengthAt(text, start);
			if (surname == 0) {
				continue;
			}
			boolean trusted = this.surnames.trustedAt(text, start);
			for (int end = Math.min(text.length(), start + surname + 2); end > start + surname; end--) {
				if (givenName(text, start + surname, end) && followedByBoundary(text, end)
						&& plausibleAfterRole(text, start, surname, end, trusted)) {
					out.add(new Finding(RedactionKind.NAME, start, end, trusted ? 0.75 : 0.6,
							"name after the role " + m.group().strip()));
					break;
				}
			}
		}
	}

	/**
	 * A two-char name must not be an everyday word (书记严查); an ambiguous surname needs a
	 * full three-char name whose given part is no word either (居民区居多).
	 */
	private static boolean plausibleAfterRole(String text, int start, int surname, int end, boolean trusted) {
		if (end - start == surname + 1) {
			return trusted && !isEverydayWord(text.substring(start, end));
		}
		return trusted || (!isEverydayWord(text.substring(start, start + surname + 1))
				&& !isEverydayWord(text.substring(start + surname, end)));
	}

	private static boolean givenName(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			if (!isNameChar(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean followedByBoundary(String text, int at) {
		return AFTER_NAME.matcher(text).region(at, text.length()).lookingAt();
	}

	private void nicknames(String text, List<Finding> out) {
		Matcher m = NICKNAME.matcher(text);
		while (m.find()) {
			int start = m.start();
			if (this.surnames.lengthAt(text, start + 1) != 1 || !this.surnames.trustedAt(text, start + 1)
					|| isEverydayWord(m.group())) {
				continue;
			}
			boolean joinedAfter = start + 3 <= text.length() && isEverydayWord(text.substring(start + 1, start + 3));
			boolean joinedBefore = start > 0 && isEverydayWord(text.substring(start - 1, start + 1));
			if (!joinedAfter && !joinedBefore) {
				out.add(new Finding(RedactionKind.NAME, start, start + 2, 0.6, "familiar form " + m.group()));
			}
		}
	}

	/**
	 * HanLP's person-name recognition, run only on short windows around plausible name
	 * starts: segmenting every letter whole costs more than all the rules together, and
	 * names are local.
	 */
	private void recognised(String text, List<Finding> out) {
		int windowStart = -1;
		int windowEnd = -1;
		for (int i = 0; i < text.length(); i++) {
			if (!plausibleNameStart(text, i)) {
				continue;
			}
			int from = Math.max(0, i - WINDOW_BEFORE);
			int to = Math.min(text.length(), i + WINDOW_AFTER);
			if (from > windowEnd) {
				if (windowEnd > 0) {
					recognised(text, windowStart, windowEnd, out);
				}
				windowStart = from;
			}
			windowEnd = to;
		}
		if (windowEnd > 0) {
			recognised(text, windowStart, windowEnd, out);
		}
	}

	private boolean plausibleNameStart(String text, int at) {
		int surname = this.surnames.lengthAt(text, at);
		int given = at + surname;
		return surname > 0 && given < text.length() && this.surnames.trustedAt(text, at)
				&& isNameChar(text.charAt(given)) && !isEverydayWord(text.substring(at, given + 1));
	}

	private void recognised(String text, int from, int to, List<Finding> out) {
		for (Term term : this.segment.seg(text.substring(from, to))) {
			int start = from + term.offset;
			int end = start + term.word.length();
			Matcher title = TITLE.matcher(term.word);
			if (title.find() && title.start() > 0) {
				end = start + title.start();
			}
			boolean cut = (term.offset == 0 && from > 0) || (end == to && to < text.length());
			String nature = term.nature.toString();
			if (cut || !nature.startsWith("nr") || end - start < 2 || end - start > 4) {
				continue;
			}
			double score = score(text, start, end, nature);
			if (score > 0) {
				out.add(new Finding(RedactionKind.NAME, start, end, score,
						"person name recognised by HanLP (" + nature + ")"));
			}
		}
	}

	/** How much to trust a name HanLP found, or 0 to drop it. */
	private double score(String text, int start, int end, String nature) {
		int surname = this.surnames.lengthAt(text, start);
		for (int i = start + surname; i < end; i++) {
			if (!isNameChar(text.charAt(i))) {
				return 0;
			}
		}
		boolean institution = (end < text.length() && INSTITUTION.indexOf(text.charAt(end)) >= 0)
				|| INSTITUTION.indexOf(text.charAt(end - 1)) >= 0
				|| PLACE_AFTER.matcher(text).region(end, text.length()).lookingAt();
		if (institution || notAName(text, start, end, surname)) {
			return 0;
		}
		if (!nature.equals("nr") || surname == 0) {
			return 0.4;
		}
		// HanLP's names with an ambiguous surname (高, 方, 都 …) are mostly places and
		// phrases; so are its two-char names with a surname that is also a common word
		// (何谈, 钱去, 任然, 廉租), unless a title follows (找到任平主任).
		if (end - start == 2 && surname == 1 && WORDLIKE_SURNAMES.indexOf(text.charAt(start)) >= 0
				&& !TITLE.matcher(text).region(end, text.length()).lookingAt()) {
			return 0.45;
		}
		return this.surnames.trustedAt(text, start) ? 0.7 : 0.4;
	}

	/**
	 * HanLP's guesses that are words or places, not people: the hit (or its surname and
	 * first given char) is an everyday word in the core dictionary (何谈, 柴房, 廉租); a number
	 * comes before it (5000余户, 4700余人); or it ends in 家 or 段, as villages and road
	 * sections do (唐家, 孙家屋场, 黄兴段).
	 */
	private static boolean notAName(String text, int start, int end, int surname) {
		String hit = text.substring(start, end);
		if (isEverydayWord(hit) || (surname > 0 && start + surname < end
				&& isEverydayWord(text.substring(start, start + surname + 1)))) {
			return true;
		}
		if (start > 0 && QUANTITY.indexOf(text.charAt(start - 1)) >= 0) {
			return true;
		}
		char last = text.charAt(end - 1);
		return last == '家' || last == '段';
	}

	private static boolean isNameChar(char c) {
		return c >= '\u4e00' && c <= '\u9fa5' && STOP.indexOf(c) < 0;
	}

	/**
	 * Whether {@code word} is in HanLP's core dictionary as something other than a person
	 * name.
	 */
	static boolean isEverydayWord(String word) {
		CoreDictionary.Attribute attribute = CoreDictionary.get(word);
		return attribute != null && !attribute.hasNatureStartsWith("nr");
	}

}
