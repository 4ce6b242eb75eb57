package cn.mailbox.moderation.workflow;

import tools.jackson.databind.json.JsonMapper;

/**
 * How {@link LetterFacts} are kept in the {@code letters.workflow} jsonb column: one
 * mapper, one format, for everyone who reads or writes them.
 */
public final class LetterFactsJson {

	private static final JsonMapper json = JsonMapper.builder().build();

	private LetterFactsJson() {
	}

	public static LetterFacts read(String stored) {
		return json.readValue(stored, LetterFacts.class);
	}

	public static String write(LetterFacts facts) {
		return json.writeValueAsString(facts);
	}

}
