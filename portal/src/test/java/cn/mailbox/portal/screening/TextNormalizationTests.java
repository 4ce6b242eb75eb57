package cn.mailbox.portal.screening;

import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizationTests {

	@Test
	void foldsExactlyAsNormalizerAndLowerCaseOnRandomText() {
		SplittableRandom random = new SplittableRandom(8);
		// Mostly the covered ranges, with the characters that make NFKC context-dependent
		// (combining marks, half-width voicing marks, Hangul jamo, surrogates) mixed in.
		int[][] ranges = { { 0x09, 0x0D }, { 0x20, 0x7E }, { 0xA0, 0xFF }, { 0x2000, 0x206F }, { 0x3000, 0x30FF },
				{ 0x4E00, 0x9FFF }, { 0xFF00, 0xFFEF }, { 0x0300, 0x036F }, { 0x1100, 0x11FF }, { 0xAC00, 0xAC20 },
				{ 0x0100, 0x024F }, { 0x0390, 0x03C9 }, { 0xD800, 0xDFFF }, { 0x0000, 0xFFFF } };
		for (int i = 0; i < 200_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(1, 12);
			for (int k = 0; k < length; k++) {
				int[] range = ranges[random.nextInt(random.nextInt(10) == 0 ? ranges.length : 7)];
				text.append((char) random.nextInt(range[0], range[1] + 1));
			}
			String input = text.toString();
			assertThat(TextNormalization.nfkcLowerCase(input))
				.as("fold of %s", input.codePoints().mapToObj(Integer::toHexString).toList())
				.isEqualTo(Normalizer.normalize(input, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
		}
	}

	@Test
	void foldsAnOrdinaryLetterByTable() {
		String letter = "西山区幸福路３号附近夜间施工噪音……已经反映过３次（电话：１３８００１３８０００），ＡＢＣ小区“一直”没有解决！\u3000谢谢。";
		assertThat(TextNormalization.byTable(letter))
			.isEqualTo("西山区幸福路3号附近夜间施工噪音......已经反映过3次(电话:13800138000),abc小区“一直”没有解决! 谢谢。");
	}

	@Test
	void leavesTextWithCombiningMarksToNormalizer() {
		assertThat(TextNormalization.byTable("ｶﾞ")).isNull();
		assertThat(TextNormalization.nfkcLowerCase("ｶﾞ")).isEqualTo("ガ");
		assertThat(TextNormalization.nfkcLowerCase("e\u0301")).isEqualTo("é");
	}

}
