package cn.mailbox.moderation.redaction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTests {

	private static final Redactor redactor = new Redactor(RedactionSettings.defaults());

	private static List<String> found(String text, RedactionKind kind) {
		return redactor.detect(text, DenyList.NONE)
			.stream()
			.filter((span) -> span.kind() == kind)
			.map((span) -> text.substring(span.start(), span.end()))
			.toList();
	}

	@Test
	void findsNamesBeforeTitlesWithCompoundSurnames() {
		assertThat(found("祝领导春节向司徒平老师，快乐生活", RedactionKind.NAME)).contains("司徒平");
		assertThat(found("开发商是K市扬找到上官斌主任，正房地产", RedactionKind.NAME)).contains("上官斌");
		assertThat(found("找到曾雪老师，在经过医院", RedactionKind.NAME)).contains("曾雪");
	}

}
