package cn.mailbox.portal.screening;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Logistic regression over character 1- and 2-grams hashed into {@code 2^bucketBits}
 * buckets, plus the measured content signals ({@link Signal}: links, contact density,
 * repeated characters, gibberish, advertising vocabulary) as features of their own, so
 * their weights are learned from the data instead of set by hand. Trained with AdaGrad
 * ({@link #train}); the decision threshold is chosen afterwards on a validation split
 * ({@link #calibrate}) and stored with the weights, so {@link #score} answers log-odds
 * relative to it: positive means "quarantine".
 *
 * <p>
 * Why logistic regression rather than the naive Bayes it replaces: naive Bayes counts
 * every n-gram of a long letter as independent evidence and needed a hand-tuned scale and
 * clamp; a discriminative model weighs overlapping n-grams jointly and reached higher
 * precision and recall on the held-out SMS split (portal/README.md has the figures).
 *
 * <p>
 * A moderator's decision is one stochastic gradient step ({@link #learn}); reads and
 * updates are guarded by a read-write lock, so one instance serves all requests.
 *
 * <pre>
 * SpamClassifier model = SpamClassifier.shipped();
 * double logOdds = model.logOdds("办理大额贷款，详询微信");
 * model.learn(text, true); // moderator confirmed spam
 * </pre>
 *
 * The model file ({@link #writeTo}) holds the non-zero weights as half-precision floats,
 * deflated: about 1 MB for 2^22 buckets.
 */
public final class SpamClassifier {

	/** Where the trained model ships on the class path. */
	public static final String SHIPPED_MODEL = "/screening/spam-model.bin";

	private static final int MAGIC = 0x4d424c52; // "MBLR"

	private static final int VERSION = 4;

	/**
	 * The longest character n-gram of a newly trained model (the model file records its
	 * own). Bigrams rather than trigrams: on the validation split, trigrams let the model
	 * memorise the SMS set's phrasing and lowered recall at the same precision (maximum
	 * recall at precision 0.98: 0.937 with 1–3-grams, 0.962 with 1–2-grams).
	 */
	static final int MAX_GRAM = 2;

	/** AdaGrad's base rate in training. */
	private static final double TRAINING_RATE = 0.4;

	/**
	 * The plain gradient-step rate of a moderator's decision: large enough that a few
	 * confirmations of the same kind of advert move its score visibly.
	 */
	private static final double FEEDBACK_RATE = 0.5;

	/**
	 * A number of five or more digits (already {@code x}), hyphens and spaces allowed
	 * inside, becomes one {@code #} for the n-grams ({@link #foldNumbers}). The SMS set
	 * masks spam phone numbers as 11 x's while the letters' organisers masked theirs as
	 * zero runs of other lengths ({@code 0000-00000000}); without this the n-grams would
	 * learn that a mobile number means spam, and a citizen who writes "电话139…" would be
	 * quarantined.
	 */
	private static final int NUMBER_LENGTH = 5;

	/**
	 * Spam examples above a candidate threshold before a precision dip stops the walk.
	 */
	private static final int CALIBRATION_MINIMUM = 50;

	/** Weights smaller than this are not written: they cannot change a decision. */
	private static final float PRUNE = 1e-3f;

	/**
	 * Content signals fed to the model next to the n-grams; each maps to the reason code
	 * shown to moderators when its learned contribution raises the score.
	 */
	public enum Signal {

		/** URLs and bare domains, at most 3 counted. */
		LINKS(ReasonCode.LINKS, (f) -> Math.min(3, f.links())),
		/** At least 1.5 contacts per 100 characters. */
		CONTACT_DENSITY(ReasonCode.CONTACT_DENSITY, (f) -> (f.contactsPer100Chars() >= 1.5) ? 1 : 0),
		/** Three or more contacts in all. */
		MANY_CONTACTS(ReasonCode.CONTACT_DENSITY, (f) -> (f.contacts() >= 3) ? 1 : 0),
		/** One letter 6 or more times in a row. */
		REPEATED_CHARACTERS(ReasonCode.REPEATED_CHARACTERS, (f) -> (f.longestRun() >= 6) ? 1 : 0),
		/** Latin keyboard mashing. */
		GIBBERISH(ReasonCode.GIBBERISH, (f) -> f.gibberish() ? 1 : 0),
		/** The advertising vocabulary's weight, at most 8, in units of 4. */
		ADVERTISING_TERMS(ReasonCode.ADVERTISING_TERMS, (f) -> Math.min(8, f.advertisingWeight()) / 4);

		private final ReasonCode code;

		private final ToDoubleFunction<ContentFeatures> value;

		Signal(ReasonCode code, ToDoubleFunction<ContentFeatures> value) {
			this.code = code;
			this.value = value;
		}

		/** The reason code a moderator sees for this signal. */
		public ReasonCode code() {
			return this.code;
		}

		double valueOf(ContentFeatures features) {
			return this.value.applyAsDouble(features);
		}

	}

	/**
	 * One text's score, split by source so each part can be shown as a reason.
	 *
	 * @param text the n-grams' contribution plus the bias, minus the calibrated threshold
	 * @param signals each content signal's contribution (weight times value)
	 * @param features the measured content features
	 */
	record Score(double text, Map<Signal, Double> signals, ContentFeatures features) {

		Score {
			signals = Map.copyOf(signals);
		}

		/** The log-odds relative to the threshold: positive means spam. */
		double logOdds() {
			return this.text + this.signals.values().stream().mapToDouble(Double::doubleValue).sum();
		}

	}

	/** A labelled text for {@link #train} and {@link #calibrate}. */
	record Example(String text, boolean spam) {
	}

	private final int bucketBits;

	private final int maxGram;

	private final float[] weights;

	private final float[] signalWeights = new float[Signal.values().length];

	private float bias;

	private float threshold;

	private final long[] documents = new long[2];

	private final WeightedTerms advertising;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private SpamClassifier(int bucketBits, int maxGram) {
		if (bucketBits < 8 || bucketBits > 24) {
			throw new IllegalArgumentException("bucketBits must be in 8..24, was " + bucketBits);
		}
		if (maxGram < 1 || maxGram > 4) {
			throw new IllegalArgumentException("maxGram must be in 1..4, was " + maxGram);
		}
		this.bucketBits = bucketBits;
		this.maxGram = maxGram;
		this.weights = new float[1 << bucketBits];
		this.advertising = WeightedTerms.resource(SpamScreen.ADVERTISING_TERMS);
	}

	/** An untrained model with {@code 2^bucketBits} buckets. */
	public static SpamClassifier empty(int bucketBits) {
		return new SpamClassifier(bucketBits, MAX_GRAM);
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
		int bucketBits = data.readInt();
		SpamClassifier model = new SpamClassifier(bucketBits, data.readInt());
		model.documents[0] = data.readLong();
		model.documents[1] = data.readLong();
		model.bias = data.readFloat();
		model.threshold = data.readFloat();
		int signals = data.readInt();
		for (int s = 0; s < signals; s++) {
			float weight = data.readFloat();
			if (s < model.signalWeights.length) {
				model.signalWeights[s] = weight;
			}
		}
		int index = -1;
		for (int gap = readVarInt(data); gap != 0; gap = readVarInt(data)) {
			index += gap;
			model.weights[index] = Float.float16ToFloat(data.readShort());
		}
		return model;
	}

	/**
	 * Writes the model: header (with the bucket bits and the longest n-gram), bias,
	 * threshold, signal weights, then (gap to the next non-zero bucket, half-precision
	 * weight) pairs, deflated.
	 */
	public void writeTo(OutputStream out) throws IOException {
		this.lock.readLock().lock();
		try {
			DeflaterOutputStream deflated = new DeflaterOutputStream(out);
			DataOutputStream data = new DataOutputStream(deflated);
			data.writeInt(MAGIC);
			data.writeInt(VERSION);
			data.writeInt(this.bucketBits);
			data.writeInt(this.maxGram);
			data.writeLong(this.documents[0]);
			data.writeLong(this.documents[1]);
			data.writeFloat(this.bias);
			data.writeFloat(this.threshold);
			data.writeInt(this.signalWeights.length);
			for (float weight : this.signalWeights) {
				data.writeFloat(weight);
			}
			int last = -1;
			for (int i = 0; i < this.weights.length; i++) {
				if (Math.abs(this.weights[i]) >= PRUNE) {
					writeVarInt(data, i - last);
					data.writeShort(Float.floatToFloat16(this.weights[i]));
					last = i;
				}
			}
			writeVarInt(data, 0);
			data.flush();
			deflated.finish();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Trains a new model with AdaGrad over the examples, shuffled anew in each epoch. The
	 * threshold is 0 until {@link #calibrate} moves it.
	 */
	static SpamClassifier train(List<Example> examples, int bucketBits, int epochs, long seed) {
		SpamClassifier model = new SpamClassifier(bucketBits, MAX_GRAM);
		float[] squares = new float[model.weights.length];
		double[] signalSquares = new double[model.signalWeights.length];
		double biasSquares = 0;
		List<Features> features = new ArrayList<>(examples.size());
		for (Example example : examples) {
			features.add(model.features(example.text()));
			model.documents[example.spam() ? 1 : 0]++;
		}
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < examples.size(); i++) {
			order.add(i);
		}
		Random random = new Random(seed);
		for (int epoch = 0; epoch < epochs; epoch++) {
			Collections.shuffle(order, random);
			for (int i : order) {
				Features x = features.get(i);
				double gradient = sigmoid(model.raw(x)) - (examples.get(i).spam() ? 1 : 0);
				double g = gradient * x.value();
				for (int b : x.buckets()) {
					squares[b] += (float) (g * g);
					model.weights[b] -= (float) (TRAINING_RATE * g / Math.sqrt(squares[b] + 1e-8));
				}
				for (int s = 0; s < x.signals().length; s++) {
					if (x.signals()[s] != 0) {
						double gs = gradient * x.signals()[s];
						signalSquares[s] += gs * gs;
						model.signalWeights[s] -= (float) (TRAINING_RATE * gs / Math.sqrt(signalSquares[s] + 1e-8));
					}
				}
				biasSquares += gradient * gradient;
				model.bias -= (float) (TRAINING_RATE * gradient / Math.sqrt(biasSquares + 1e-8));
			}
		}
		return model;
	}

	/**
	 * Sets the threshold on data the model was not trained on ({@link #thresholdFor}).
	 * Answers the threshold.
	 */
	double calibrate(List<Example> validation, double targetPrecision) {
		return calibrate(validation, targetPrecision, (input, score) -> 0);
	}

	/**
	 * The same, for a screen that demands more than the threshold of some texts
	 * ({@link #calibrationScores}).
	 */
	double calibrate(List<Example> validation, double targetPrecision,
			ToDoubleBiFunction<ScreeningInput, Score> margin) {
		double threshold = thresholdFor(calibrationScores(validation, margin), targetPrecision);
		threshold(threshold);
		return threshold;
	}

	/**
	 * Each example's raw score (before any threshold) and label, for
	 * {@link #thresholdFor}: {@code margin} answers the log-odds above the threshold that
	 * a text (prepared as a letter body) must reach to be quarantined, and the text is
	 * ranked by its score less that margin ({@link SpamScreen#calibrationScores}). Kept
	 * apart from the threshold so that scores of several models, each on the examples it
	 * was not trained on, can decide one threshold together (cross-validation).
	 */
	double[][] calibrationScores(List<Example> examples, ToDoubleBiFunction<ScreeningInput, Score> margin) {
		double[][] scored = new double[examples.size()][];
		for (int i = 0; i < examples.size(); i++) {
			ScreeningInput input = input("", examples.get(i).text());
			Features x = features(input.normalised(), input.features());
			scored[i] = new double[] { raw(x) - margin.applyAsDouble(input, score(x)), examples.get(i).spam() ? 1 : 0 };
		}
		return scored;
	}

	/**
	 * The threshold for scored examples ({@link #calibrationScores}): walking down from
	 * the highest score, the lowest score reached before precision first falls below the
	 * target (checked once {@link #CALIBRATION_MINIMUM} spam examples are above it, so
	 * one mislabelled example at the very top does not decide). Stopping at the first
	 * dip, rather than taking the lowest score anywhere at the target, keeps the
	 * threshold from sliding down through a chance run of spam: a false positive
	 * quarantines a citizen's letter.
	 */
	static double thresholdFor(double[][] scored, double targetPrecision) {
		double[][] sorted = scored.clone();
		Arrays.sort(sorted, (a, b) -> Double.compare(b[0], a[0]));
		int tp = 0;
		int fp = 0;
		double best = (sorted.length > 0) ? sorted[0][0] + 1e-6 : 0;
		for (double[] row : sorted) {
			if (row[1] == 1) {
				tp++;
			}
			else {
				fp++;
			}
			boolean precise = tp / (double) (tp + fp) >= targetPrecision;
			if (!precise && tp >= CALIBRATION_MINIMUM) {
				break;
			}
			if (precise) {
				best = row[0];
			}
		}
		return best - 1e-6;
	}

	/** Sets the threshold on the raw score ({@link #thresholdFor}). */
	void threshold(double threshold) {
		this.lock.writeLock().lock();
		try {
			this.threshold = (float) threshold;
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/** One gradient step towards a moderator's decision. */
	public void learn(String text, boolean spam) {
		Features x = features(text);
		this.lock.writeLock().lock();
		try {
			double gradient = sigmoid(raw(x) - this.threshold) - (spam ? 1 : 0);
			double g = gradient * x.value();
			for (int b : x.buckets()) {
				this.weights[b] -= (float) (FEEDBACK_RATE * g);
			}
			for (int s = 0; s < x.signals().length; s++) {
				this.signalWeights[s] -= (float) (FEEDBACK_RATE * gradient * x.signals()[s]);
			}
			this.documents[spam ? 1 : 0]++;
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/** The log-odds relative to the calibrated threshold: positive leans spam. */
	public double logOdds(String text) {
		return score(text).logOdds();
	}

	/** The log-odds split into the text's part and each content signal's part. */
	Score score(String text) {
		return score(features(text));
	}

	/** The same for a letter already prepared for screening. */
	Score score(ScreeningInput input) {
		return score(features(input.normalised(), input.features()));
	}

	/** A letter prepared for every screen, measured with this model's vocabulary. */
	ScreeningInput input(String title, String body) {
		return ScreeningInput.of(title, body, this.advertising);
	}

	private Score score(Features x) {
		Map<Signal, Double> signals = new EnumMap<>(Signal.class);
		this.lock.readLock().lock();
		try {
			for (Signal signal : Signal.values()) {
				double value = x.signals()[signal.ordinal()];
				if (value != 0) {
					signals.put(signal, value * this.signalWeights[signal.ordinal()]);
				}
			}
			return new Score(this.bias + gramSum(x) - this.threshold, signals, x.contentFeatures());
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** How many documents of each class the model has learnt from: {ham, spam}. */
	public long[] documentCounts() {
		this.lock.readLock().lock();
		try {
			return this.documents.clone();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** The calibrated threshold on the raw score. */
	double threshold() {
		return this.threshold;
	}

	private double raw(Features x) {
		double sum = this.bias + gramSum(x);
		for (int s = 0; s < x.signals().length; s++) {
			sum += x.signals()[s] * this.signalWeights[s];
		}
		return sum;
	}

	private double gramSum(Features x) {
		double sum = 0;
		for (int b : x.buckets()) {
			sum += this.weights[b];
		}
		return sum * x.value();
	}

	/**
	 * The distinct n-gram buckets, each with the same value 1/sqrt(count) so that a long
	 * letter and a short message have feature vectors of the same length, and the content
	 * signals.
	 */
	private record Features(int[] buckets, double value, double[] signals, ContentFeatures contentFeatures) {
	}

	private Features features(String text) {
		String normalised = TextNormalization.forClassifier(text);
		return features(normalised, ContentFeatures.of(normalised, this.advertising));
	}

	private Features features(String normalised, ContentFeatures content) {
		String numbersFolded = foldNumbers(normalised);
		int length = numbersFolded.length();
		int grams = 0;
		for (int n = 1; n <= this.maxGram; n++) {
			grams += Math.max(0, length - n + 1);
		}
		int[] out = new int[grams];
		int mask = (1 << this.bucketBits) - 1;
		// Each bucket counts once: an open-addressing set of (bucket + 1, so 0 is free),
		// indexed by the bucket's low bits (buckets are hashes already), keeps the first
		// occurrence in one pass instead of sorting a letter's ~700 grams.
		int[] seen = new int[Integer.highestOneBit(Math.max(1, grams)) << 2];
		int seenMask = seen.length - 1;
		int distinct = 0;
		for (int i = 0; i < length; i++) {
			long hash = 0x9E3779B97F4A7C15L;
			for (int n = 1; n <= this.maxGram && i + n <= length; n++) {
				hash = mix(hash ^ numbersFolded.charAt(i + n - 1)) + n;
				int bucket = (int) (mix(hash) & mask);
				int slot = bucket & seenMask;
				while (seen[slot] != 0 && seen[slot] != bucket + 1) {
					slot = (slot + 1) & seenMask;
				}
				if (seen[slot] == 0) {
					seen[slot] = bucket + 1;
					out[distinct++] = bucket;
				}
			}
		}
		int[] buckets = Arrays.copyOf(out, distinct);
		double[] signals = new double[Signal.values().length];
		for (Signal signal : Signal.values()) {
			signals[signal.ordinal()] = signal.valueOf(content);
		}
		return new Features(buckets, (distinct == 0) ? 0 : 1 / Math.sqrt(distinct), signals, content);
	}

	/**
	 * Each stretch from an {@code x} to the last {@code x} of a run of {@code x},
	 * {@code -} and space, if at least {@value #NUMBER_LENGTH} characters long, becomes
	 * one {@code #}: what {@code x[x\\- ]{3,}x} replaced, in one pass.
	 */
	static String foldNumbers(String text) {
		if (text.indexOf('x') < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c != 'x') {
				out.append(c);
				i++;
				continue;
			}
			int last = i;
			int end = i;
			while (end < text.length() && isNumberPart(text.charAt(end))) {
				if (text.charAt(end) == 'x') {
					last = end;
				}
				end++;
			}
			if (last - i + 1 >= NUMBER_LENGTH) {
				out.append('#');
			}
			else {
				out.append(text, i, last + 1);
			}
			out.append(text, last + 1, end);
			i = end;
		}
		return out.toString();
	}

	private static boolean isNumberPart(char c) {
		return c == 'x' || c == '-' || c == ' ';
	}

	private static double sigmoid(double z) {
		return 1 / (1 + Math.exp(-z));
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
