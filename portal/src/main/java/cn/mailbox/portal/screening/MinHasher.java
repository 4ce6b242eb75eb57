package cn.mailbox.portal.screening;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MinHash over character shingles of the duplicate-normalised text, and LSH band keys.
 * The permutations are fixed (seeded), so signatures stored in the database stay
 * comparable across restarts and instances.
 * <p>
 * Each distinct shingle is hashed once with a strong 64-bit mixer; the
 * {@value #PERMUTATIONS} permutations are then affine maps of its high 32 bits
 * ({@code a·x + b} modulo 2<sup>32</sup>, {@code a} odd, so each is a bijection). Over
 * well-mixed inputs these estimate Jaccard similarity as well as a full mix per
 * permutation (same bias and spread on 2,000 random pairs), and the inner loop is plain
 * int arithmetic the JIT turns into vector instructions: signing a letter went from the
 * largest single cost of a submission to a small one. Signatures of the earlier scheme (a
 * full 64-bit mix per shingle and permutation, {@link #SCHEME} 1) are not comparable with
 * these; {@link DuplicateSignature} records the scheme.
 */
final class MinHasher {

	/**
	 * The signature scheme this hasher writes; see {@link DuplicateSignature#toBytes()}.
	 */
	static final int SCHEME = 2;

	static final int PERMUTATIONS = 256;

	static final int ROWS = 2;

	/**
	 * LSH uses the first {@code BANDS * ROWS} values only: 32 bands of 2 rows make two
	 * letters with Jaccard 0.42 candidates with probability 0.998, while keeping the band
	 * table at 32 entries per letter; all 256 values confirm a candidate.
	 */
	static final int BANDS = 32;

	private static final int[] MULTIPLIERS = new SplittableRandom(0x5eed_2026L).ints(PERMUTATIONS)
		.map((a) -> a | 1)
		.toArray();

	private static final int[] OFFSETS = new SplittableRandom(0x0ff5_2026L).ints(PERMUTATIONS).toArray();

	private final int shingleSize;

	MinHasher(int shingleSize) {
		this.shingleSize = shingleSize;
	}

	/** The signature of normalised text; empty when there are no shingles. */
	int[] signature(String normalised) {
		if (normalised.length() < this.shingleSize) {
			return new int[0];
		}
		int[] signature = new int[PERMUTATIONS];
		Arrays.fill(signature, Integer.MAX_VALUE);
		int[] multipliers = MULTIPLIERS;
		int[] offsets = OFFSETS;
		for (long shingle : distinctShingles(normalised)) {
			int x = (int) (shingle >>> 32);
			for (int p = 0; p < PERMUTATIONS; p++) {
				// Unsigned shift: values stay non-negative, as in the first scheme.
				signature[p] = Math.min(signature[p], (multipliers[p] * x + offsets[p]) >>> 1);
			}
		}
		return signature;
	}

	/**
	 * The shingles' 64-bit hashes, each once (a repeated shingle cannot change a
	 * minimum), in no particular order (neither can the order). Collected in an
	 * open-addressing table rather than sorted and deduplicated: sorting was most of the
	 * signing's time.
	 */
	private long[] distinctShingles(String normalised) {
		int count = normalised.length() - this.shingleSize + 1;
		// At most half full, so probes stay short.
		int mask = Integer.highestOneBit(count * 2) * 2 - 1;
		long[] table = new long[mask + 1];
		boolean[] used = new boolean[mask + 1];
		long[] distinct = new long[count];
		int size = 0;
		for (int i = 0; i < count; i++) {
			long shingle = 0x9E3779B97F4A7C15L;
			for (int j = 0; j < this.shingleSize; j++) {
				shingle = mix(shingle ^ normalised.charAt(i + j));
			}
			int slot = (int) shingle & mask;
			while (used[slot] && table[slot] != shingle) {
				slot = (slot + 1) & mask;
			}
			if (!used[slot]) {
				used[slot] = true;
				table[slot] = shingle;
				distinct[size++] = shingle;
			}
		}
		return (size == count) ? distinct : Arrays.copyOf(distinct, size);
	}

	/**
	 * The share of equal positions: an unbiased estimate of the shingle sets' Jaccard
	 * index.
	 */
	static double similarity(int[] a, int[] b) {
		if (a.length == 0 || a.length != b.length) {
			return 0;
		}
		int equal = 0;
		for (int i = 0; i < a.length; i++) {
			if (a[i] == b[i]) {
				equal++;
			}
		}
		return equal / (double) a.length;
	}

	static long[] bandKeys(int[] signature) {
		if (signature.length == 0) {
			return new long[0];
		}
		long[] keys = new long[BANDS];
		for (int band = 0; band < BANDS; band++) {
			long key = mix(band + 0x2545F4914F6CDD1DL);
			for (int row = 0; row < ROWS; row++) {
				key = mix(key ^ (signature[band * ROWS + row] & 0xffffffffL));
			}
			keys[band] = key;
		}
		return keys;
	}

	static long exactHash(String normalised) {
		if (normalised.isEmpty()) {
			return 0;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
			long hash = 0;
			for (int i = 0; i < 8; i++) {
				hash = (hash << 8) | (digest[i] & 0xff);
			}
			return (hash != 0) ? hash : 1;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every JDK", ex);
		}
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
		z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
		return z ^ (z >>> 33);
	}

}
