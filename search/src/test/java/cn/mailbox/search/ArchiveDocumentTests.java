package cn.mailbox.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ArchiveDocumentTests {

	@Test
	void hasNoFieldForTheWritersPrivateData() {
		Set<String> privateWords = Set.of("name", "phone", "email", "address", "ip", "code", "anonymous", "channel",
				"consent", "body");
		assertThat(Arrays.stream(ArchiveDocument.class.getRecordComponents())
			.map((c) -> c.getName().toLowerCase(Locale.ROOT)))
			.noneMatch((component) -> privateWords.stream().anyMatch(component::contains));
	}

	@Test
	void copiesAndCleansTheUnitList() {
		List<String> units = new ArrayList<>(List.of(" 住建局 ", "住建局", "城管局"));
		ArchiveDocument document = Letters.letter("D-1", "t", null, null, "2024-01-01T00:00:00", "other", true,
				units.toArray(String[]::new));
		units.clear();
		assertThat(document.units()).containsExactly("住建局", "城管局");
	}

	@Test
	void rejectsMissingKeysAndNegativeCounts() {
		Instant now = Instant.parse("2024-01-01T00:00:00Z");
		assertThatIllegalArgumentException().isThrownBy(() -> new ArchiveDocument(" ", "mayor", "other", null, null,
				List.of(), "t", null, null, now, null, null, null, now, 0, 0, true, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new ArchiveDocument("X", "mayor", "other", null, null,
				List.of(), "t", null, null, now, null, null, null, now, -1, 0, true, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new ArchiveChange.Upsert(0, Letters.sample().get(0)));
		assertThatIllegalArgumentException().isThrownBy(() -> new ArchiveChange.Delete(1, " "));
	}

}
