package cn.mailbox.search;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChineseMatchingTests {

	private final ArchiveIndex index = Letters.indexOf(Letters.sample());

	@AfterEach
	void close() throws IOException {
		this.index.close();
	}

	private List<String> find(String q) {
		return Letters.numbers(this.index.search(ArchiveQuery.text(q, 50)));
	}

	@Test
	void findsEveryTwoCharacterWordOfEveryText() {
		for (ArchiveDocument document : Letters.sample()) {
			for (String text : new String[] { document.title(), document.letter(), document.reply() }) {
				if (text == null) {
					continue;
				}
				for (int i = 0; i + 2 <= text.length(); i++) {
					String word = text.substring(i, i + 2);
					if (word.codePoints()
						.allMatch((c) -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
						assertThat(find(word)).as(word).contains(document.trackingNumber());
					}
				}
			}
		}
	}

	@Test
	void findsASingleCharacter() {
		assertThat(find("修")).contains("2023-0002");
	}

	@Test
	void matchesAWordOnlyWithItsCharactersInARow() {
		assertThat(find("物业管理")).containsExactly("2023-0001");
		assertThat(find("管理物业")).isEmpty();
	}

	@Test
	void matchesQuotedPhrasesExactly() {
		assertThat(find("\"路挖得稀烂\"")).containsExactly("2023-0002");
		assertThat(find("\"路挖稀烂\"")).isEmpty();
		assertThat(find("“用围栏围起”")).containsExactly("2023-0002");
	}

	@Test
	void matchesPhrasesAcrossPunctuationAndScripts() {
		assertThat(find("\"退出小区，业委会\"")).containsExactly("2023-0001");
		assertThat(find("退出小区，业委会")).containsExactly("2023-0001");
		assertThat(find("楼下KTV夜间")).containsExactly("2024-0005");
		assertThat(find("\"ABC123号楼噪音\"")).containsExactly("2024-0005");
		assertThat(find("\"退出小区，物业\"")).isEmpty();
	}

	@Test
	void foldsFullWidthAndCase() {
		assertThat(find("ABC123")).containsExactly("2024-0005");
		assertThat(find("abc123")).containsExactly("2024-0005");
		assertThat(find("ｋｔｖ")).containsExactly("2024-0005");
		assertThat(find("KTV")).containsExactly("2024-0005");
	}

	@Test
	void expandsMunicipalAbbreviations() {
		assertThat(find("违法建设")).containsExactly("2024-0003");
		assertThat(find("title:违法建设")).containsExactly("2024-0003");
		assertThat(find("住建局")).contains("2023-0001");
		assertThat(find("城市管理")).contains("2024-0003");
	}

	@Test
	void readsTheSynonymListFromItsResource() {
		Synonyms synonyms = Synonyms.load();
		assertThat(synonyms.size()).isGreaterThanOrEqualTo(30);
		assertThat(synonyms.expand("违建")).contains("违法建设");
		assertThat(synonyms.expand("住建委")).contains("住房和城乡建设委员会");
		assertThat(synonyms.expand("社保局电话")).contains("社会保险事业管理局电话");
		assertThat(synonyms.expand("路灯")).containsExactly("路灯");
		assertThat(synonyms.expand("物业费")).contains("物业管理费");
		assertThat(synonyms.expand("红绿灯")).contains("信号灯");
		assertThat(synonyms.expand("房产证")).contains("不动产权证");
	}

}
