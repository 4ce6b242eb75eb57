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
 */
final class MinHasher {

	static final int PERMUTATIONS = 256;

	static final int ROWS = 2;

	/**
	 * LSH uses the first {@code BANDS * ROWS} values only: 32 bands of 2 rows make two
	 * letters with Jaccard 0.42 candidates with probability 0.998, while keeping the band
	 * table at 32 entries per letter; all 256 values confirm a candidate.
	 */
	static final int BANDS = 32;

	private static final long[] SEEDS = new SplittableRandom(0x5eed_2026L).longs(PERMUTATIONS).toArray();

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
		for (int i = 0; i + this.shingleSize <= normalised.length(); i++) {
			long shingle = 0x9E3779B97F4A7C15L;
			for (int j = 0; j < this.shingleSize; j++) {
				shingle = mix(shingle ^ normalised.charAt(i + j));
			}
			for (int p = 0; p < PERMUTATIONS; p++) {
				int value = (int) (mix(shingle ^ SEEDS[p]) >>> 33);
				if (value < signature[p]) {
					signature[p] = value;
				}
			}
		}
		return signature;
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
