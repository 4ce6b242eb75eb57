package cn.mailbox.portal.screening;

import java.util.function.LongConsumer;

/**
 * A multimap from LSH band key to letter id in two flat arrays (open addressing, linear
 * probing, backward-shift deletion): about 32 bytes per entry instead of the few hundred
 * a {@code HashMap<Long, Set<Long>>} costs, which matters at tens of bands per letter.
 * Not thread-safe; {@link DuplicateIndex} guards it.
 */
final class BandTable {

	private static final long EMPTY = Long.MIN_VALUE;

	private long[] keys;

	private long[] ids;

	private int size;

	BandTable() {
		allocate(1 << 12);
	}

	void put(long key, long id) {
		if ((this.size + 1) * 2 > this.keys.length) {
			grow();
		}
		int slot = slot(key);
		while (this.ids[slot] != EMPTY) {
			slot = (slot + 1) & (this.keys.length - 1);
		}
		this.keys[slot] = key;
		this.ids[slot] = id;
		this.size++;
	}

	void forEach(long key, LongConsumer action) {
		int mask = this.keys.length - 1;
		for (int slot = slot(key); this.ids[slot] != EMPTY; slot = (slot + 1) & mask) {
			if (this.keys[slot] == key) {
				action.accept(this.ids[slot]);
			}
		}
	}

	void remove(long key, long id) {
		int mask = this.keys.length - 1;
		int slot = slot(key);
		while (this.ids[slot] != EMPTY && !(this.keys[slot] == key && this.ids[slot] == id)) {
			slot = (slot + 1) & mask;
		}
		if (this.ids[slot] == EMPTY) {
			return;
		}
		// Backward-shift deletion keeps every remaining entry reachable from its home
		// slot.
		int hole = slot;
		for (int next = (hole + 1) & mask; this.ids[next] != EMPTY; next = (next + 1) & mask) {
			int home = slot(this.keys[next]);
			if (((next - home) & mask) >= ((next - hole) & mask)) {
				this.keys[hole] = this.keys[next];
				this.ids[hole] = this.ids[next];
				hole = next;
			}
		}
		this.ids[hole] = EMPTY;
		this.size--;
	}

	int size() {
		return this.size;
	}

	private int slot(long key) {
		long z = key * 0x9E3779B97F4A7C15L;
		return (int) (z ^ (z >>> 32)) & (this.keys.length - 1);
	}

	private void grow() {
		long[] oldKeys = this.keys;
		long[] oldIds = this.ids;
		allocate(oldKeys.length * 2);
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldIds[i] != EMPTY) {
				put(oldKeys[i], oldIds[i]);
			}
		}
	}

	private void allocate(int capacity) {
		this.keys = new long[capacity];
		this.ids = new long[capacity];
		java.util.Arrays.fill(this.ids, EMPTY);
		this.size = 0;
	}

}
