package cn.mailbox.search;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetTests {

	@Test
	void escapesRecordTextAndMarksMatches() throws IOException {
		ArchiveDocument hostile = Letters.letter("S-1", "路灯<b>不亮</b>", "小区路灯坏了<script>alert('x')</script>，请尽快修复 & 回复。",
				"已修复。");
		try (ArchiveIndex index = Letters.indexOf(List.of(hostile))) {
			String snippet = index.search(ArchiveQuery.text("路灯", 10)).items().getFirst().snippet();
			assertThat(snippet).contains("<mark>路灯</mark>")
				.contains("&lt;script&gt;")
				.contains("&amp;")
				.doesNotContain("<script>");
			String title = index.search(ArchiveQuery.text("title:不亮", 10)).items().getFirst().snippet();
			assertThat(title).isEqualTo("路灯&lt;b&gt;<mark>不亮</mark>&lt;&#x2F;b&gt;");
			String lead = index.search(ArchiveQuery.all(10)).items().getFirst().snippet();
			assertThat(lead).startsWith("小区路灯坏了&lt;script&gt;").doesNotContain("<mark>");
		}
	}

	@Test
	void marksAWholeWordOnceAndPrefersTheLetter() throws IOException {
		try (ArchiveIndex index = Letters.indexOf(Letters.sample())) {
			ArchiveHit hit = index.search(ArchiveQuery.text("物业公司", 10)).items().getFirst();
			assertThat(hit.snippet()).contains("<mark>物业公司</mark>");
			ArchiveHit reply = index.search(ArchiveQuery.text("reply:管线", 10)).items().getFirst();
			assertThat(reply.snippet()).contains("<mark>管线</mark>迁改");
		}
	}

	@Test
	void keepsSnippetsShort() throws IOException {
		String longLetter = "前面的内容很长。".repeat(100) + "这里提到了垃圾站。" + "后面的内容也很长。".repeat(100);
		try (ArchiveIndex index = Letters.indexOf(List.of(Letters.letter("S-2", "环境问题", longLetter, null)))) {
			String snippet = index.search(ArchiveQuery.text("垃圾站", 10)).items().getFirst().snippet();
			assertThat(snippet).contains("<mark>垃圾站</mark>").hasSizeLessThan(300);
		}
	}

}
