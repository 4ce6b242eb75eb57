package cn.mailbox.portal.screening;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An in-memory index of recent letters for exact and near-duplicate lookup: a map from
 * normalised-text hash to letters, and MinHash LSH band tables for near-duplicate
 * candidates, each candidate confirmed by its estimated Jaccard similarity. Letters older
 * than the window (measured from the newest letter added) or beyond the size limit are
 * evicted.
 *
 * <pre>
 * DuplicateIndex index = new DuplicateIndex(DuplicateSettings.DEFAULTS);
 * DuplicateSignature signature = index.sign(letterId, receivedAt, senderKey, title, body);
 * DuplicateCheck check = index.checkAndAdd(signature);
 * // persist signature.toBytes() and signature.bandKeys(); at startup, for stored rows in
 * // order of receipt: index.add(DuplicateSignature.fromBytes(bytes));
 * </pre>
 *
 * Thread-safe (all methods synchronise on the index); a lookup touches only the
 * candidates.
 */
public final class DuplicateIndex {

	/**
	 * Character bigrams: they keep more shared shingles than trigrams under heavy edits.
	 */
	static final int SHINGLE_SIZE = 2;

	private static final Comparator<DuplicateSignature> BY_RECEIPT = Comparator
		.comparing(DuplicateSignature::receivedAt)
		.thenComparingLong(DuplicateSignature::letterId);

	private final DuplicateSettings settings;

	private final MinHasher hasher = new MinHasher(SHINGLE_SIZE);

	private final Map<Long, DuplicateSignature> letters = new HashMap<>();

	private final TreeSet<DuplicateSignature> byReceipt = new TreeSet<>(BY_RECEIPT);

	private final Map<Long, Set<Long>> exact = new HashMap<>();

	private final BandTable bands = new BandTable();

	/** Letters remembered for eviction and removal but left out of the lookup tables. */
	private final Set<Long> unindexed = new HashSet<>();

	private Instant newest = Instant.MIN;

	public DuplicateIndex(DuplicateSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	/** Computes a letter's signature (title and body together); does not add it. */
	public DuplicateSignature sign(long letterId, Instant receivedAt, String senderKey, String title, String body) {
		String normalised = TextNormalization
			.forDuplicates(((title != null) ? title : "") + "\n" + ((body != null) ? body : ""));
		int[] minHash = (normalised.length() >= this.settings.minimumLength()) ? this.hasher.signature(normalised)
				: new int[0];
		return new DuplicateSignature(letterId, receivedAt, senderKey, MinHasher.exactHash(normalised), minHash);
	}

	/** Looks up earlier letters in the window with the same or nearly the same text. */
	public synchronized DuplicateCheck check(DuplicateSignature signature) {
		Instant from = signature.receivedAt().minus(this.settings.window());
		List<DuplicateSignature> exactMatches = matches(this.exact.get(signature.exactHash()), signature, from);
		if (signature.exactHash() != 0 && !exactMatches.isEmpty()) {
			DuplicateSignature earliest = exactMatches.get(0);
			return new DuplicateCheck.Exact(earliest.letterId(), ids(exactMatches), sameSender(signature, earliest));
		}
		Set<Long> candidates = new HashSet<>();
		for (long key : signature.bandKeys()) {
			this.bands.forEach(key, candidates::add);
		}
		int[] minHash = signature.minHash();
		List<DuplicateSignature> near = new ArrayList<>();
		for (DuplicateSignature candidate : matches(candidates, signature, from)) {
			if (MinHasher.similarity(minHash, candidate.minHash()) >= this.settings.similarityThreshold()) {
				near.add(candidate);
			}
		}
		if (near.isEmpty()) {
			return new DuplicateCheck.Unique();
		}
		DuplicateSignature earliest = near.get(0);
		return new DuplicateCheck.Near(earliest.letterId(), MinHasher.similarity(minHash, earliest.minHash()),
				ids(near), sameSender(signature, earliest));
	}

	/** Adds a letter (also used to rebuild the index from stored signatures). */
	public synchronized void add(DuplicateSignature signature) {
		remove(signature.letterId());
		this.letters.put(signature.letterId(), signature);
		this.byReceipt.add(signature);
		if (signature.exactHash() != 0) {
			this.exact.computeIfAbsent(signature.exactHash(), (key) -> new HashSet<>()).add(signature.letterId());
		}
		for (long key : signature.bandKeys()) {
			this.bands.put(key, signature.letterId());
		}
		if (signature.receivedAt().isAfter(this.newest)) {
			this.newest = signature.receivedAt();
		}
		evict();
	}

	/**
	 * {@link #check} then {@link #add}, atomically. A copy of a letter that is itself
	 * still well inside the window is remembered but not put in the lookup tables: every
	 * later copy finds that earlier letter anyway (it is the one a duplicate points at),
	 * and a campaign of thousands of identical letters would otherwise make every lookup
	 * and insert walk all of them (measured: the bench's near-identical letters spent
	 * most of the portal's CPU here).
	 */
	public synchronized DuplicateCheck checkAndAdd(DuplicateSignature signature) {
		DuplicateCheck check = check(signature);
		if (coveredByAnEarlierCopy(check, signature)) {
			remember(signature);
		}
		else {
			add(signature);
		}
		return check;
	}

	/**
	 * How many letters the lookup tables hold (copies covered by an earlier one are not).
	 */
	synchronized int indexedLetters() {
		return (int) this.letters.keySet().stream().filter((id) -> !this.unindexed.contains(id)).count();
	}

	private boolean coveredByAnEarlierCopy(DuplicateCheck check, DuplicateSignature signature) {
		long earliest = switch (check) {
			case DuplicateCheck.Exact exact -> exact.earliestLetterId();
			case DuplicateCheck.Near near -> near.earliestLetterId();
			default -> -1;
		};
		DuplicateSignature original = this.letters.get(earliest);
		return original != null && !this.unindexed.contains(earliest)
				&& !original.receivedAt().isBefore(signature.receivedAt().minus(this.settings.window().dividedBy(2)));
	}

	private void remember(DuplicateSignature signature) {
		remove(signature.letterId());
		this.letters.put(signature.letterId(), signature);
		this.unindexed.add(signature.letterId());
		this.byReceipt.add(signature);
		if (signature.receivedAt().isAfter(this.newest)) {
			this.newest = signature.receivedAt();
		}
		evict();
	}

	/** Removes a letter, for instance one a moderator deleted as spam. */
	public synchronized void remove(long letterId) {
		DuplicateSignature old = this.letters.remove(letterId);
		if (old == null) {
			return;
		}
		this.byReceipt.remove(old);
		if (this.unindexed.remove(letterId)) {
			return;
		}
		removeFrom(this.exact, old.exactHash(), letterId);
		for (long key : old.bandKeys()) {
			this.bands.remove(key, letterId);
		}
	}

	/** How many letters the index holds. */
	public synchronized int size() {
		return this.letters.size();
	}

	private void evict() {
		Instant horizon = this.newest.minus(this.settings.window());
		while (!this.byReceipt.isEmpty() && (this.byReceipt.size() > this.settings.maxLetters()
				|| this.byReceipt.first().receivedAt().isBefore(horizon))) {
			remove(this.byReceipt.first().letterId());
		}
	}

	private List<DuplicateSignature> matches(Set<Long> ids, DuplicateSignature signature, Instant from) {
		if (ids == null) {
			return List.of();
		}
		List<DuplicateSignature> found = new ArrayList<>();
		for (long id : ids) {
			DuplicateSignature other = this.letters.get(id);
			if (other != null && id != signature.letterId() && !other.receivedAt().isBefore(from)
					&& BY_RECEIPT.compare(other, signature) < 0) {
				found.add(other);
			}
		}
		found.sort(BY_RECEIPT);
		return found;
	}

	private static List<Long> ids(List<DuplicateSignature> signatures) {
		return signatures.stream().map(DuplicateSignature::letterId).toList();
	}

	private static boolean sameSender(DuplicateSignature a, DuplicateSignature b) {
		return a.senderKey() != null && a.senderKey().equals(b.senderKey());
	}

	private static void removeFrom(Map<Long, Set<Long>> table, long key, long letterId) {
		Set<Long> ids = table.get(key);
		if (ids != null) {
			ids.remove(letterId);
			if (ids.isEmpty()) {
				table.remove(key);
			}
		}
	}

}
