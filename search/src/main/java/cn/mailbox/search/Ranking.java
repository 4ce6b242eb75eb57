package cn.mailbox.search;

import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

/**
 * The weights of the relevance order, in one place so the evaluation can compare settings
 * on one index (BM25's k1 and b act at search time; the index stores only field lengths).
 *
 * @param titleBoost weight of a match in the title
 * @param letterBoost weight of a match in the letter
 * @param replyBoost weight of a match in the reply
 * @param titleAllBoost bonus (constant) when every term is in the title
 * @param proximityBoost weight of the proximity clause: the terms within
 * {@code proximityWidth} positions of each other in the letter or the title
 * @param proximityWidth the span the terms must fit in, in positions (one per character)
 * @param k1 BM25 term-frequency saturation
 * @param b BM25 length normalisation
 */
record Ranking(float titleBoost, float letterBoost, float replyBoost, float titleAllBoost, float proximityBoost,
		int proximityWidth, float k1, float b) {

	/**
	 * Chosen on the development queries of {@code SearchQualityEvaluation} (recall@10
	 * 0.92 to 0.95, MRR 0.735 to 0.778) and checked on held-out ones (see README).
	 */
	static final Ranking DEFAULT = new Ranking(3f, 1f, 0.5f, 6f, 1f, 10, 1.2f, 0.75f);

	Similarity similarity() {
		return new BM25Similarity(this.k1, this.b);
	}

}
