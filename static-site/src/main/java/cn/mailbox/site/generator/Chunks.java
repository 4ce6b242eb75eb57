package cn.mailbox.site.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import cn.mailbox.site.pages.Slugs;

/**
 * Splits a sorted list into pieces whose boundaries depend on the items themselves, not
 * on their positions (content-defined chunking): an item whose mark is divisible by the
 * mean size starts a new piece, and a run longer than twice the mean is cut every twice
 * the mean. So publishing or withdrawing a letter changes only the piece it is in (and,
 * when it was a boundary, merges two pieces), never the pieces after it, and a piece is
 * named after its first boundary item: its file name stays the same whatever happens
 * elsewhere in the list. Counting pages from one end would instead shift every later page
 * on a withdrawal. The pieces are a function of the set of items alone, so an incremental
 * update and a full rebuild cut them the same way.
 */
final class Chunks {

	private Chunks() {
	}

	/**
	 * One piece.
	 *
	 * @param name a file-name-safe name, stable while its first boundary item stays
	 * @param items the items, in the list's order
	 */
	record Chunk<T>(String name, List<T> items) {

	}

	/**
	 * @param items the sorted list
	 * @param mark a well-mixed hash of each item
	 * @param key the item's code, for naming the piece it starts ({@link Slugs}-safe
	 * after conversion)
	 * @param size the mean piece size
	 * @param first the name of the run before the first boundary item
	 */
	static <T> List<Chunk<T>> split(List<T> items, ToLongFunction<T> mark, Function<T, String> key, int size,
			String first) {
		List<Chunk<T>> chunks = new ArrayList<>(items.size() / Math.max(1, size) + 2);
		int max = Math.max(1, size * 2);
		String base = first;
		int runStart = 0;
		int pieceStart = 0;
		int piece = 1;
		for (int i = 0; i <= items.size(); i++) {
			boolean end = i == items.size();
			boolean boundary = !end && i > 0 && Long.remainderUnsigned(mark.applyAsLong(items.get(i)), size) == 0;
			if (i == 0 && !end && Long.remainderUnsigned(mark.applyAsLong(items.get(0)), size) == 0) {
				base = "from-" + Slugs.of(key.apply(items.get(0)));
			}
			boolean forced = !end && !boundary && i > runStart && (i - runStart) % max == 0;
			if (end || boundary || forced) {
				if (i > pieceStart) {
					chunks.add(new Chunk<>((piece == 1) ? base : base + "." + piece,
							List.copyOf(items.subList(pieceStart, i))));
				}
				pieceStart = i;
				if (boundary) {
					base = "from-" + Slugs.of(key.apply(items.get(i)));
					runStart = i;
					piece = 1;
				}
				else if (forced) {
					piece++;
				}
			}
		}
		return chunks;
	}

	/** A well-mixed 64-bit mark for a code (the finaliser of SplitMix64 over FNV-1a). */
	static long mark(String code) {
		long z = new cn.mailbox.site.pages.Digest().add(code).value();
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
