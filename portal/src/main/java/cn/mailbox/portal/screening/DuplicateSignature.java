package cn.mailbox.portal.screening;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything duplicate screening keeps about one letter: its normalised-text hash and its
 * MinHash signature. Serialisable ({@link #toBytes()}, {@link #bandKeys()}) so the
 * application can persist it (a row per letter, a table of band keys) and rebuild the
 * in-memory {@link DuplicateIndex} at startup without re-reading letter texts.
 *
 * @param letterId the letter's id
 * @param receivedAt when it was received
 * @param senderKey a normalised contact (phone or e-mail) of the sender, or null
 * @param exactHash 64 bits of SHA-256 over the normalised text; 0 for empty text
 * @param minHash the MinHash signature ({@value MinHasher#PERMUTATIONS} values), empty
 * when the text is too short for near-duplicate matching
 */
public record DuplicateSignature(long letterId, Instant receivedAt, String senderKey, long exactHash, int[] minHash) {

	public DuplicateSignature {
		Objects.requireNonNull(receivedAt, "receivedAt");
		minHash = minHash.clone();
		if (minHash.length != 0 && minHash.length != MinHasher.PERMUTATIONS) {
			throw new IllegalArgumentException("minHash must have " + MinHasher.PERMUTATIONS + " values or none");
		}
	}

	@Override
	public int[] minHash() {
		return this.minHash.clone();
	}

	/** Whether the text was long enough for near-duplicate matching. */
	public boolean hasMinHash() {
		return this.minHash.length != 0;
	}

	/**
	 * The LSH band keys ({@value MinHasher#BANDS} bands of {@value MinHasher#ROWS} rows):
	 * two letters sharing any band key are candidates for a similarity check. Empty
	 * without a MinHash.
	 */
	public long[] bandKeys() {
		return MinHasher.bandKeys(this.minHash);
	}

	/**
	 * A compact binary form: the MinHash scheme, id, time, exact hash, MinHash, sender.
	 * The scheme comes first as a negative int, which the first form (no scheme; it began
	 * with the id, never negative) cannot start with.
	 */
	public byte[] toBytes() {
		byte[] sender = (this.senderKey != null) ? this.senderKey.getBytes(StandardCharsets.UTF_8) : new byte[0];
		ByteBuffer buffer = ByteBuffer.allocate(4 + 8 + 8 + 4 + 8 + 4 + 4 * this.minHash.length + 4 + sender.length);
		buffer.putInt(-MinHasher.SCHEME);
		buffer.putLong(this.letterId);
		buffer.putLong(this.receivedAt.getEpochSecond());
		buffer.putInt(this.receivedAt.getNano());
		buffer.putLong(this.exactHash);
		buffer.putInt(this.minHash.length);
		for (int value : this.minHash) {
			buffer.putInt(value);
		}
		buffer.putInt((this.senderKey != null) ? sender.length : -1);
		buffer.put(sender);
		return buffer.array();
	}

	/**
	 * Whether stored bytes carry a MinHash of the current scheme; the others must be
	 * signed again from the letter's text to take part in near-duplicate matching.
	 */
	public static boolean currentScheme(byte[] bytes) {
		return bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == -MinHasher.SCHEME;
	}

	/**
	 * Reads the form written by {@link #toBytes()}. A signature of an earlier MinHash
	 * scheme keeps its exact hash but loses its MinHash (see {@link #currentScheme}), so
	 * it can never be compared with a signature of another scheme.
	 */
	public static DuplicateSignature fromBytes(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		boolean current = currentScheme(bytes);
		if (current) {
			buffer.getInt();
		}
		else if (bytes.length >= 4 && buffer.getInt(0) < 0) {
			throw new IllegalArgumentException("Unknown MinHash scheme " + -buffer.getInt(0));
		}
		long letterId = buffer.getLong();
		Instant receivedAt = Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
		long exactHash = buffer.getLong();
		int[] minHash = new int[buffer.getInt()];
		for (int i = 0; i < minHash.length; i++) {
			minHash[i] = buffer.getInt();
		}
		int senderLength = buffer.getInt();
		String sender = null;
		if (senderLength >= 0) {
			byte[] senderBytes = new byte[senderLength];
			buffer.get(senderBytes);
			sender = new String(senderBytes, StandardCharsets.UTF_8);
		}
		return new DuplicateSignature(letterId, receivedAt, sender, exactHash, current ? minHash : new int[0]);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof DuplicateSignature that && this.letterId == that.letterId
				&& this.exactHash == that.exactHash && this.receivedAt.equals(that.receivedAt)
				&& Objects.equals(this.senderKey, that.senderKey) && Arrays.equals(this.minHash, that.minHash);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.letterId, this.receivedAt, this.senderKey, this.exactHash)
				+ 31 * Arrays.hashCode(this.minHash);
	}

	@Override
	public String toString() {
		return "DuplicateSignature[letterId=" + this.letterId + ", receivedAt=" + this.receivedAt + "]";
	}

}
