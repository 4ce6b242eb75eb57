package cn.mailbox.portal.intake;

import java.util.LinkedHashMap;
import java.util.Map;

/** Valid submissions to start from; tests change one field at a time. */
final class Letters {

	private Letters() {
	}

	static Map<String, Object> complaint() {
		Map<String, Object> letter = new LinkedHashMap<>();
		letter.put("mailbox", "mayor");
		letter.put("nature", "complaint");
		letter.put("field", "environment");
		letter.put("region", "xishan");
		letter.put("title", "工地夜间施工噪音扰民");
		letter.put("body", "西山区某工地每天夜里十二点以后仍在施工，噪音很大，请有关部门处理。");
		letter.put("name", "王小明");
		letter.put("phone", "13800138000");
		letter.put("email", "wang@example.cn");
		letter.put("anonymous", false);
		letter.put("publicationConsent", true);
		return letter;
	}

	static Map<String, Object> with(String field, Object value) {
		Map<String, Object> letter = complaint();
		letter.put(field, value);
		return letter;
	}

}
