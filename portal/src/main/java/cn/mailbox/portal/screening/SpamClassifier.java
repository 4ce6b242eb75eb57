package cn.mailbox.portal.screening;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Multinomial naive Bayes over character 1- to 3-grams, hashed into a fixed number of
 * buckets so that the model stays small and needs no vocabulary. Counts are integers, so
 * a moderator's decision is one increment per n-gram ({@link #learn}); reads and updates
 * are guarded by a read-write lock, so one instance serves all requests.
 *
 * <pre>
 * SpamClassifier model = SpamClassifier.shipped();
 * double logOdds = model.meanLogOdds("办理大额贷款，详询微信");
 * model.learn(text, true); // moderator confirmed spam
 * </pre>
 *
 * The model file ({@link #writeTo}) is a deflated sparse list of counts, a few hundred
 * KB.
 */
public final class SpamClassifier {

	/** Where the trained model ships on the class path. */
	public static final String SHIPPED_MODEL = "/screening/spam-model.bin";

	private static final int MAGIC = 0x4d424e42; // "MBNB"

	private static final int VERSION = 1;

	private static final int MAX_GRAM = 3;

	private static final double ALPHA = 0.1;

	private final int bucketBits;

	private final int[][] counts;

	private final long[] documents = new long[2];

	private final long[] totals = new long[2];

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private SpamClassifier(int bucketBits) {
		if (bucketBits < 8 || bucketBits > 24) {
			throw new IllegalArgumentException("bucketBits must be in 8..24, was " + bucketBits);
		}
		this.bucketBits = bucketBits;
		this.counts = new int[][] { new int[1 << bucketBits], new int[1 << bucketBits] };
	}

	/** An untrained model with {@code 2^bucketBits} buckets per class. */
	public static SpamClassifier empty(int bucketBits) {
		return new SpamClassifier(bucketBits);
	}

	/** The model trained by {@code SpamModelTraining} and shipped as a resource. */
	public static SpamClassifier shipped() {
		try (InputStream in = SpamClassifier.class.getResourceAsStream(SHIPPED_MODEL)) {
			if (in == null) {
				throw new IllegalStateException("No shipped spam model at " + SHIPPED_MODEL);
			}
			return readFrom(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads a model written by {@link #writeTo}. */
	public static SpamClassifier readFrom(InputStream in) throws IOException {
		DataInputStream data = new DataInputStream(new InflaterInputStream(in));
		if (data.readInt() != MAGIC || data.readInt() != VERSION) {
			throw new IOException("Not a spam model file (version " + VERSION + ")");
		}
		SpamClassifier model = new SpamClassifier(data.readInt());
		for (int c = 0; c < 2; c++) {
			model.documents[c] = data.readLong();
			model.totals[c] = data.readLong();
			int[] row = model.counts[c];
			int index = -1;
			for (int gap = readVarInt(data); gap != 0; gap = readVarInt(data)) {
				index += gap;
				row[index] = readVarInt(data);
			}
		}
		return model;
	}

	/**
	 * Writes the counts: per class, (gap to next non-zero bucket, count) pairs, deflated.
	 */
	public void writeTo(OutputStream out) throws IOException {
		this.lock.readLock().lock();
		try {
			DeflaterOutputStream deflated = new DeflaterOutputStream(out);
			DataOutputStream data = new DataOutputStream(deflated);
			data.writeInt(MAGIC);
			data.writeInt(VERSION);
			data.writeInt(this.bucketBits);
			for (int c = 0; c < 2; c++) {
				data.writeLong(this.documents[c]);
				data.writeLong(this.totals[c]);
				int[] row = this.counts[c];
				int last = -1;
				for (int i = 0; i < row.length; i++) {
					if (row[i] != 0) {
						writeVarInt(data, i - last);
						writeVarInt(data, row[i]);
						last = i;
					}
				}
				writeVarInt(data, 0);
			}
			data.flush();
			deflated.finish();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** Adds one document's n-grams to the spam or ham counts. */
	public void learn(String text, boolean spam) {
		int[] buckets = buckets(text);
		int c = spam ? 1 : 0;
		this.lock.writeLock().lock();
		try {
			int[] row = this.counts[c];
			for (int b : buckets) {
				if (row[b] < Integer.MAX_VALUE) {
					row[b]++;
				}
			}
			this.totals[c] += buckets.length;
			this.documents[c]++;
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/**
	 * The mean over the text's n-grams of log P(gram | spam) / P(gram | ham), without a
	 * class prior: positive leans spam. A mean rather than a sum, so a long letter is not
	 * pushed to certainty by its length alone.
	 */
	public double meanLogOdds(String text) {
		int[] buckets = buckets(text);
		return (buckets.length == 0) ? 0 : sumLogOdds(buckets) / buckets.length;
	}

	/** The sum of the per-gram log-likelihood ratios and the number of grams summed. */
	Evidence evidence(String text) {
		int[] buckets = buckets(text);
		return new Evidence(sumLogOdds(buckets), buckets.length);
	}

	record Evidence(double sum, int grams) {
	}

	private double sumLogOdds(int[] buckets) {
		this.lock.readLock().lock();
		try {
			double vocabulary = ALPHA * (1 << this.bucketBits);
			double hamDenominator = Math.log(this.totals[0] + vocabulary);
			double spamDenominator = Math.log(this.totals[1] + vocabulary);
			double sum = 0;
			for (int b : buckets) {
				sum += Math.log(this.counts[1][b] + ALPHA) - spamDenominator - Math.log(this.counts[0][b] + ALPHA)
						+ hamDenominator;
			}
			return sum;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** How many documents of each class the model has seen: {ham, spam}. */
	public long[] documentCounts() {
		this.lock.readLock().lock();
		try {
			return this.documents.clone();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private int[] buckets(String text) {
		String normalised = TextNormalization.forClassifier(text);
		int length = normalised.length();
		int grams = 0;
		for (int n = 1; n <= MAX_GRAM; n++) {
			grams += Math.max(0, length - n + 1);
		}
		int[] out = new int[grams];
		int mask = (1 << this.bucketBits) - 1;
		int k = 0;
		for (int i = 0; i < length; i++) {
			long hash = 0x9E3779B97F4A7C15L;
			for (int n = 1; n <= MAX_GRAM && i + n <= length; n++) {
				hash = mix(hash ^ normalised.charAt(i + n - 1)) + n;
				out[k++] = (int) (mix(hash) & mask);
			}
		}
		return out;
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
		z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
		return z ^ (z >>> 33);
	}

	private static void writeVarInt(DataOutputStream out, int value) throws IOException {
		while ((value & ~0x7f) != 0) {
			out.writeByte((value & 0x7f) | 0x80);
			value >>>= 7;
		}
		out.writeByte(value);
	}

	private static int readVarInt(DataInputStream in) throws IOException {
		int value = 0;
		for (int shift = 0; shift < 35; shift += 7) {
			int b = in.readUnsignedByte();
			value |= (b & 0x7f) << shift;
			if ((b & 0x80) == 0) {
				return value;
			}
		}
		throw new IOException("Malformed varint in spam model");
	}

}
