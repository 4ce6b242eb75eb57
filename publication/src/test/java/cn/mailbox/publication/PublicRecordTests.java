package cn.mailbox.publication;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.mailbox.search.ArchiveDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PublicRecordTests {

	static final Instant RECEIVED = Instant.parse("2026-03-02T01:00:00Z");

	static PublicRecord record(String letter, String reply) {
		return new PublicRecord(" SZ20260302-00001 ", "mayor", "complaint", " ", "xishan",
				List.of(" water ", "water", "housing"), "小区停水", letter, reply, RECEIVED, RECEIVED.plusSeconds(60), null,
				RECEIVED.plusSeconds(86_400), RECEIVED.plusSeconds(90_000), 1, 5, true, 0, 0);
	}

	@Test
	void mapsEveryPublicFieldToTheSearchDocument() {
		ArchiveDocument document = record("停水三天了", "已恢复供水").toDocument();
		assertThat(document.trackingNumber()).isEqualTo("SZ20260302-00001");
		assertThat(document.units()).containsExactly("water", "housing");
		assertThat(document.field()).isNull();
		assertThat(document.region()).isEqualTo("xishan");
		assertThat(document.letter()).isEqualTo("停水三天了");
		assertThat(document.reply()).isEqualTo("已恢复供水");
		assertThat(document.assignedAt()).isNull();
		assertThat(document.repliedAt()).isEqualTo(RECEIVED.plusSeconds(86_400));
		assertThat(document.workingDays()).isEqualTo(1);
		assertThat(document.limitDays()).isEqualTo(5);
		assertThat(document.onTime()).isTrue();
	}

	@Test
	void keepsAnUndisclosedLetterOutOfTheDocument() {
		ArchiveDocument document = record(null, "已恢复供水").toDocument();
		assertThat(document.letter()).isNull();
		assertThat(document.reply()).isEqualTo("已恢复供水");
	}

	@Test
	void refusesARecordWithoutTitleOrWithNegativeDays() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PublicRecord("N1", "mayor", "other", null, null,
				List.of(), " ", null, null, RECEIVED, null, null, null, RECEIVED, 0, 3, true, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new PublicRecord("N1", "mayor", "other", null, null,
				List.of(), "标题", null, null, RECEIVED, null, null, null, RECEIVED, -1, 3, true, 0, 0));
	}

	@Test
	void hasNoFieldForTheWritersPrivateData() {
		List<String> components = java.util.Arrays.stream(PublicRecord.class.getRecordComponents())
			.map(java.lang.reflect.RecordComponent::getName)
			.map(String::toLowerCase)
			.toList();
		assertThat(components).noneMatch((name) -> name.contains("name") && !name.equals("trackingnumber"))
			.noneMatch((name) -> name.contains("phone") || name.contains("email") || name.contains("address")
					|| name.contains("ip") && !name.equals("reminders"));
	}

}
