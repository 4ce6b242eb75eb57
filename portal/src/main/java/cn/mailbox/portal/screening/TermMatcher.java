package cn.mailbox.portal.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which of a fixed list of terms occur in a text in one pass (Aho–Corasick). The
 * screens used to call {@code text.contains(term)} for each of a few hundred terms, one
 * scan of the letter per term; a profile of the submission path showed that and the
 * regular expressions of {@link ContentFeatures} as the portal's top self time. Immutable
 * and thread-safe once built.
 */
final class TermMatcher {

	/** The root's next state for every character ({@code -1}: none), the common case. */
	private final int[] root = new int[Character.MAX_VALUE + 1];

	/** Per state: the characters with an edge, sorted, and the states they lead to. */
	private final char[][] keys;

	private final int[][] targets;

	private final int[] fail;

	/** Per state: the terms (indices) that end here, including via failure links. */
	private final int[][] output;

	private final int termCount;

	TermMatcher(List<String> terms) {
		this.termCount = terms.size();
		List<Map<Character, Integer>> next = new ArrayList<>();
		next.add(new HashMap<>());
		List<List<Integer>> ends = new ArrayList<>();
		ends.add(new ArrayList<>());
		for (int t = 0; t < terms.size(); t++) {
			String term = terms.get(t);
			if (term.isEmpty()) {
				continue;
			}
			int state = 0;
			for (int i = 0; i < term.length(); i++) {
				Integer to = next.get(state).get(term.charAt(i));
				if (to == null) {
					to = next.size();
					next.get(state).put(term.charAt(i), to);
					next.add(new HashMap<>());
					ends.add(new ArrayList<>());
				}
				state = to;
			}
			ends.get(state).add(t);
		}
		this.fail = new int[next.size()];
		int[] queue = new int[next.size()];
		int head = 0;
		int tail = 0;
		for (int child : next.get(0).values()) {
			queue[tail++] = child;
		}
		while (head < tail) {
			int state = queue[head++];
			for (Map.Entry<Character, Integer> edge : next.get(state).entrySet()) {
				int child = edge.getValue();
				int f = this.fail[state];
				while (f != 0 && !next.get(f).containsKey(edge.getKey())) {
					f = this.fail[f];
				}
				Integer target = next.get(f).get(edge.getKey());
				this.fail[child] = (target != null && target != child) ? target : 0;
				ends.get(child).addAll(ends.get(this.fail[child]));
				queue[tail++] = child;
			}
		}
		this.keys = new char[next.size()][];
		this.targets = new int[next.size()][];
		for (int s = 0; s < next.size(); s++) {
			List<Character> chars = new ArrayList<>(next.get(s).keySet());
			chars.sort(null);
			this.keys[s] = new char[chars.size()];
			this.targets[s] = new int[chars.size()];
			for (int k = 0; k < chars.size(); k++) {
				this.keys[s][k] = chars.get(k);
				this.targets[s][k] = next.get(s).get(chars.get(k));
			}
		}
		Arrays.fill(this.root, -1);
		next.get(0).forEach((c, to) -> this.root[c] = to);
		this.output = new int[ends.size()][];
		for (int s = 0; s < ends.size(); s++) {
			this.output[s] = ends.get(s).stream().mapToInt(Integer::intValue).distinct().toArray();
		}
	}

	/** For each term (by index in the list given), whether it occurs in the text. */
	boolean[] find(String text) {
		boolean[] found = new boolean[this.termCount];
		int state = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			int to = step(state, c);
			while (to < 0 && state != 0) {
				state = this.fail[state];
				to = step(state, c);
			}
			state = Math.max(to, 0);
			for (int term : this.output[state]) {
				found[term] = true;
			}
		}
		return found;
	}

	private int step(int state, char c) {
		if (state == 0) {
			return this.root[c];
		}
		int at = Arrays.binarySearch(this.keys[state], c);
		return (at >= 0) ? this.targets[state][at] : -1;
	}

}
