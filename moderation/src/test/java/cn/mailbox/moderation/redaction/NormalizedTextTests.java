package cn.mailbox.moderation.redaction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizedTextTests {

	@Test
	void foldsFullWidthDigitsLettersAndSpaces() {
		NormalizedText text = NormalizedText.of("电话１３８\u3000ＡＢ\u00a0＠－");
		assertThat(text.text()).isEqualTo("电话138 AB @-");
	}

	@Test
	void dropsZeroWidthCharactersAndMapsBackToTheOriginal() {
		String original = "号码138\u200b0013\u200d8000。";
		NormalizedText text = NormalizedText.of(original);
		assertThat(text.text()).isEqualTo("号码13800138000。");
		int start = text.text().indexOf("138");
		int end = start + 11;
		assertThat(original.substring(text.originalStart(start), text.originalEnd(end)))
			.isEqualTo("138\u200b0013\u200d8000");
	}

	@Test
	void keepsOffsetsOfUntouchedText() {
		NormalizedText text = NormalizedText.of("没有需要改的字");
		assertThat(text.text()).isEqualTo("没有需要改的字");
		assertThat(text.originalStart(3)).isEqualTo(3);
		assertThat(text.originalEnd(7)).isEqualTo(7);
	}

}
