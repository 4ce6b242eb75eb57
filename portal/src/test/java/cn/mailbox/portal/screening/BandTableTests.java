package cn.mailbox.portal.screening;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BandTableTests {

	@Test
	void behavesLikeAMultimapThroughGrowthAndRemoval() {
		BandTable table = new BandTable();
		Map<Long, Set<Long>> expected = new HashMap<>();
		Random random = new Random(1);
		List<long[]> entries = new ArrayList<>();
		for (long id = 0; id < 20_000; id++) {
			long key = random.nextInt(3_000);
			table.put(key, id);
			expected.computeIfAbsent(key, (k) -> new HashSet<>()).add(id);
			entries.add(new long[] { key, id });
		}
		for (int i = 0; i < entries.size(); i += 3) {
			long[] entry = entries.get(i);
			table.remove(entry[0], entry[1]);
			expected.get(entry[0]).remove(entry[1]);
		}
		table.remove(99_999, 1);
		for (long key = 0; key < 3_000; key++) {
			Set<Long> found = new HashSet<>();
			table.forEach(key, found::add);
			assertThat(found).isEqualTo(expected.getOrDefault(key, Set.of()));
		}
		assertThat(table.size()).isEqualTo(entries.size() - (entries.size() + 2) / 3);
	}

}
