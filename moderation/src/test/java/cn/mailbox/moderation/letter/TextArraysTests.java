package cn.mailbox.moderation.letter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextArraysTests {

	@Test
	void quotesEveryElementAndEscapesOnlyQuotesAndBackslashes() {
		assertThat(TextArrays.literal(new String[] { "西山区", "a \"b\" c\\d", "{x},NULL", "", null }))
			.isEqualTo("{\"西山区\",\"a \\\"b\\\" c\\\\d\",\"{x},NULL\",\"\",NULL}");
	}

	@Test
	void writesAnEmptyArray() {
		assertThat(TextArrays.literal(new String[0])).isEqualTo("{}");
	}

}
