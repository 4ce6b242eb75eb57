package cn.mailbox.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Turns the text of the archive's search box into a Lucene query.
 * <p>
 * The language is the one journalists know from web search, and nothing else: terms
 * separated by spaces must all match; {@code "..."} is a phrase; {@code OR} between two
 * terms lets either match; {@code -term} excludes; {@code title:term} and
 * {@code reply:term} restrict a term to one field (otherwise title, letter and reply are
 * searched, weighted by {@link Ranking}). The ranking clauses (every term in the title,
 * terms close together) are optional: they order the matches and never add one.
 * <p>
 * Why hand-written instead of Lucene's classic query parser: that parser throws on
 * unbalanced quotes, a lone {@code -} or a leading {@code *}, and exposes wildcards,
 * fuzzy and range syntax that can make a query expensive. Here nothing throws: an
 * unbalanced quote is dropped, text that analyses to no terms is ignored, input is cut at
 * {@value #MAX_CHARS} characters and {@value #MAX_CLAUSES} terms.
 */
final class SearchBoxParser {

	static final int MAX_CHARS = 256;

	static final int MAX_CLAUSES = 16;

	/**
	 * Upper bound on query terms (characters of all field and synonym variants), well
	 * below Lucene's limit of 1,024 clauses, which would otherwise throw on long input.
	 */
	static final int MAX_TERMS = 900;

	static final String TITLE = "title";

	static final String LETTER = "letter";

	static final String REPLY = "reply";

	private final TextAnalysis analysis;

	private final Synonyms synonyms;

	private final Ranking ranking;

	SearchBoxParser(TextAnalysis analysis, Synonyms synonyms) {
		this(analysis, synonyms, Ranking.DEFAULT);
	}

	SearchBoxParser(TextAnalysis analysis, Synonyms synonyms, Ranking ranking) {
		this.analysis = analysis;
		this.synonyms = synonyms;
		this.ranking = ranking;
	}

	/** The query for the text, or {@code null} when it has nothing searchable. */
	Query parse(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		List<Token> tokens = tokenize(normalize(text));
		List<List<Token>> groups = new ArrayList<>();
		List<Query> excluded = new ArrayList<>();
		boolean joinNext = false;
		int budget = MAX_TERMS;
		for (Token token : tokens) {
			if (token.or()) {
				joinNext = !groups.isEmpty();
				continue;
			}
			int cost = cost(token);
			if (cost > budget) {
				break;
			}
			budget -= cost;
			Query query = clause(token);
			if (query == null) {
				continue;
			}
			if (token.negated()) {
				excluded.add(query);
			}
			else if (joinNext) {
				groups.getLast().add(token);
			}
			else {
				groups.add(new ArrayList<>(List.of(token)));
			}
			joinNext = false;
		}
		if (groups.isEmpty() && excluded.isEmpty()) {
			return null;
		}
		BooleanQuery.Builder all = new BooleanQuery.Builder();
		if (groups.isEmpty()) {
			all.add(new MatchAllDocsQuery(), Occur.MUST);
		}
		for (List<Token> group : groups) {
			all.add(anyOf(group.stream().map(this::clause).toList()), Occur.MUST);
		}
		// the ranking clauses repeat the terms: only while the budget leaves room for
		// them
		if (!groups.isEmpty() && (MAX_TERMS - budget) * 2 <= MAX_TERMS) {
			Query inTitle = allInTitle(groups);
			if (inTitle != null) {
				all.add(inTitle, Occur.SHOULD);
			}
			proximity(groups).forEach((near) -> all.add(near, Occur.SHOULD));
		}
		excluded.forEach((query) -> all.add(query, Occur.MUST_NOT));
		return all.build();
	}

	/**
	 * A constant bonus for records whose title holds every term: the terms of a known
	 * letter are most often its subject's words, and the body of a long letter otherwise
	 * collects enough weak matches to outrank a short letter about exactly that.
	 */
	private Query allInTitle(List<List<Token>> groups) {
		if (this.ranking.titleAllBoost() <= 0) {
			return null;
		}
		BooleanQuery.Builder every = new BooleanQuery.Builder();
		for (List<Token> group : groups) {
			List<Query> alternatives = new ArrayList<>();
			for (Token token : group) {
				if (token.field() == null || TITLE.equals(token.field())) {
					for (String variant : this.synonyms.expand(token.text())) {
						Query match = this.analysis.match(TITLE, variant);
						if (match != null) {
							alternatives.add(match);
						}
					}
				}
			}
			if (alternatives.isEmpty()) {
				return null;
			}
			every.add(anyOf(alternatives), Occur.FILTER);
		}
		return new BoostQuery(new ConstantScoreQuery(every.build()), this.ranking.titleAllBoost());
	}

	/**
	 * For two or more terms: a bonus where they stand close together in the letter or the
	 * title (物业 管理 typed apart still prefers 物业管理 to 物业 … 管理 far apart).
	 */
	private List<Query> proximity(List<List<Token>> groups) {
		if (this.ranking.proximityBoost() <= 0 || groups.size() < 2) {
			return List.of();
		}
		List<IntervalsSource> sources = new ArrayList<>();
		for (List<Token> group : groups) {
			List<IntervalsSource> alternatives = new ArrayList<>();
			for (Token token : group) {
				if (token.field() != null) {
					return List.of();
				}
				for (String variant : this.synonyms.expand(token.text())) {
					IntervalsSource source = this.analysis.intervals(variant);
					if (source != null) {
						alternatives.add(source);
					}
				}
			}
			if (alternatives.isEmpty()) {
				return List.of();
			}
			sources.add((alternatives.size() == 1) ? alternatives.getFirst()
					: Intervals.or(alternatives.toArray(IntervalsSource[]::new)));
		}
		IntervalsSource near = Intervals.maxwidth(this.ranking.proximityWidth(),
				Intervals.unordered(sources.toArray(IntervalsSource[]::new)));
		return List.of(new BoostQuery(new IntervalQuery(LETTER, near), this.ranking.proximityBoost()),
				new BoostQuery(new IntervalQuery(TITLE, near), this.ranking.proximityBoost()));
	}

	/**
	 * NFKC folds full-width letters, digits, quotes and colons; curly quotes become
	 * straight.
	 */
	private static String normalize(String text) {
		String cut = (text.length() > MAX_CHARS) ? text.substring(0, MAX_CHARS) : text;
		String folded = Normalizer.normalize(cut, Normalizer.Form.NFKC);
		return folded.replaceAll("[\u201C\u201D\u300C\u300D\u300E\u300F]", "\"").replaceAll("\\p{Cntrl}", " ");
	}

	private static List<String> fields(Token token) {
		return (token.field() == null) ? List.of(TITLE, LETTER, REPLY) : List.of(token.field());
	}

	private int cost(Token token) {
		int characters = this.synonyms.expand(token.text()).stream().mapToInt(String::length).sum();
		return characters * fields(token).size();
	}

	private Query clause(Token token) {
		List<String> fields = fields(token);
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		int count = 0;
		for (String field : fields) {
			for (String variant : this.synonyms.expand(token.text())) {
				Query match = this.analysis.match(field, variant);
				if (match != null) {
					float boost = (fields.size() == 1) ? 1f : boost(field);
					any.add((boost == 1f) ? match : new BoostQuery(match, boost), Occur.SHOULD);
					count++;
				}
			}
		}
		return (count == 0) ? null : any.build();
	}

	private float boost(String field) {
		return switch (field) {
			case TITLE -> this.ranking.titleBoost();
			case REPLY -> this.ranking.replyBoost();
			default -> this.ranking.letterBoost();
		};
	}

	private static Query anyOf(List<Query> queries) {
		if (queries.size() == 1) {
			return queries.getFirst();
		}
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		queries.forEach((query) -> any.add(query, Occur.SHOULD));
		return any.build();
	}

	/** Splits into terms, phrases and OR; never fails, whatever the input. */
	static List<Token> tokenize(String text) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		int n = text.length();
		while (i < n && tokens.size() < MAX_CLAUSES) {
			while (i < n && Character.isWhitespace(text.charAt(i))) {
				i++;
			}
			if (i >= n) {
				break;
			}
			boolean negated = false;
			if (text.charAt(i) == '-') {
				negated = true;
				i++;
			}
			String field = null;
			for (String prefix : List.of(TITLE, REPLY)) {
				if (text.regionMatches(true, i, prefix + ":", 0, prefix.length() + 1)) {
					field = prefix;
					i += prefix.length() + 1;
					break;
				}
			}
			if (i < n && text.charAt(i) == '"') {
				int close = text.indexOf('"', i + 1);
				if (close > 0) {
					tokens.add(new Token(text.substring(i + 1, close), field, negated, false));
					i = close + 1;
					continue;
				}
				i++;
			}
			int end = i;
			while (end < n && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
				end++;
			}
			String word = text.substring(i, end);
			boolean or = "OR".equals(word) && !negated && field == null;
			tokens.add(new Token(word, field, negated, or));
			i = (end == i) ? end + 1 : end;
		}
		return tokens;
	}

	/** A term or phrase of the search box, or the OR operator. */
	record Token(String text, String field, boolean negated, boolean or) {
	}

}
