package cn.mailbox.moderation.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street addresses below district level: a road, street or lane with a house number
 * (…路/街/大道/巷/弄 + 号), and the estate → building → unit → room chain (…小区/花园/苑/大厦 + 栋/幢/号楼
 * + 单元 + 室/房/号), alone or after a road number. The span reaches back over the road or
 * estate name to the nearest punctuation, function word or district marker (区, 县, 市, 镇
 * …), so the district itself stays readable.
 */
final class AddressDetector implements Detector {

	private static final String NUM = "[0-9一二三四五六七八九十百零〇两]{1,5}";

	private static final String UNIT = "(?:" + NUM + "(?:栋|幢|号楼|座|单元|楼|层|室|房|号)|[A-Za-z]座|[A-Za-z]?" + NUM
			+ "(?:室|房|号)?|-\\d{1,4})";

	/**
	 * A building/unit/room chain: at least one unit that names a building, unit or room.
	 */
	private static final String CHAIN = "(?:" + NUM + "(?:栋|幢|号楼|座|单元|楼|层|室|房)|[A-Za-z]座)(?:" + UNIT + ")*";

	private static final Pattern ROAD = Pattern
		.compile("(?:路|街|大街|大道|巷|弄|胡同)(?:" + NUM + "段)?" + NUM + "(?:-" + NUM + ")?号(?:院)?(?:" + CHAIN + ")?");

	private static final Pattern ESTATE = Pattern
		.compile("(?:小区|花园|花苑|家园|公寓|大厦|新村|新城|苑|庭|府|城|园|广场|中心|宿舍|山庄|名邸|华庭|大楼|村|院)" + CHAIN);

	private static final Pattern BARE_CHAIN = Pattern
		.compile("(?<![0-9一二三四五六七八九十百零〇两])" + NUM + "(?:栋|幢|号楼)" + NUM + "单元(?:" + UNIT + ")*");

	/** Where the reach back over a road or estate name stops. */
	private static final String STOP = "的了是在和与及或于对向把被给让从到说也就还又而但却很要能可这那你我他她它们个些住位称将现该此本其各每经过至往去来近旁边附区县市省镇乡，。、；：！？,.;:!?（）()《》“”\"' \n";

	private static final int MAX_REACH = 12;

	@Override
	public void detect(String text, List<Finding> out) {
		find(ROAD, text, 0.85, "road and house number", out);
		find(ESTATE, text, 0.85, "estate, building, unit or room", out);
		Matcher m = BARE_CHAIN.matcher(text);
		while (m.find()) {
			out.add(new Finding(RedactionKind.ADDRESS, m.start(), m.end(), 0.75, "building, unit and room"));
		}
	}

	private static void find(Pattern pattern, String text, double score, String why, List<Finding> out) {
		Matcher m = pattern.matcher(text);
		while (m.find()) {
			int start = reachBack(text, m.start());
			if (start == m.start()) {
				continue;
			}
			out.add(new Finding(RedactionKind.ADDRESS, start, m.end(), score, why));
		}
	}

	private static int reachBack(String text, int from) {
		int start = from;
		while (start > 0 && from - start < MAX_REACH && STOP.indexOf(text.charAt(start - 1)) < 0) {
			start--;
		}
		return start;
	}

}
