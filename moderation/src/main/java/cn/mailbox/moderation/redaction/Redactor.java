package cn.mailbox.moderation.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Proposes and applies redactions of personal data and confidential passages in citizen
 * letters and official replies before publication. Detection runs on a normalised copy of
 * the text (full-width folded, zero-width removed) but every span refers to the original
 * text. The writer's own form fields are always proposed, and a name found anywhere in a
 * letter is proposed everywhere in the letter and its reply.
 * <p>
 * <pre>{@code
 * Redactor redactor = new Redactor(RedactionSettings.defaults());
 * RedactionResult proposals = redactor.detectLetter(body, reply, new DenyList(name, phone, email, id, address));
 * // a moderator reviews proposals.letterSpans() ...
 * String publicBody = redactor.apply(body, approvedSpans, LabelStyle.SURNAME_MOU);
 * }</pre>
 * <p>
 * Instances are immutable and thread-safe (HanLP's analysis calls are; its configuration
 * is set once here); creating one loads the word lists, and the first detection with
 * statistical names on loads HanLP's model (about a second).
 */
public final class Redactor {

	private final RedactionSettings settings;

	private final Surnames surnames;

	private final List<Detector> detectors;

	/** A redactor that looks for what {@code settings} asks for. */
	public Redactor(RedactionSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.surnames = new Surnames();
		List<Detector> detectors = new ArrayList<>();
		Set<RedactionKind> kinds = settings.kinds();
		if (kinds.contains(RedactionKind.ID_NUMBER)) {
			detectors.add(new IdNumberDetector());
		}
		if (kinds.contains(RedactionKind.PHONE)) {
			detectors.add(new PhoneDetector());
		}
		if (kinds.contains(RedactionKind.EMAIL)) {
			detectors.add(new EmailDetector());
		}
		if (kinds.contains(RedactionKind.BANK_CARD)) {
			detectors.add(new BankCardDetector());
		}
		if (kinds.contains(RedactionKind.PLATE)) {
			detectors.add(new PlateDetector());
		}
		if (kinds.contains(RedactionKind.IP_ADDRESS)) {
			detectors.add(new IpAddressDetector());
		}
		if (kinds.contains(RedactionKind.QQ) || kinds.contains(RedactionKind.WECHAT)) {
			detectors.add(new ChatIdDetector());
		}
		if (kinds.contains(RedactionKind.ADDRESS)) {
			detectors.add(new AddressDetector());
		}
		if (kinds.contains(RedactionKind.NAME)) {
			detectors.add(new NameDetector(this.surnames, settings.statisticalNames()));
		}
		if (kinds.contains(RedactionKind.CONFIDENTIAL)) {
			detectors.add(new ConfidentialDetector(WordLists.confidentialMarkings()));
		}
		this.detectors = List.copyOf(detectors);
	}

	/**
	 * Proposes redactions for one text on its own.
	 * @param text the original text
	 * @param writer the writer's form fields, or {@link DenyList#NONE}
	 * @return spans of {@code text}, sorted by start; spans of different kinds may
	 * overlap
	 */
	public List<RedactionSpan> detect(String text, DenyList writer) {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(writer, "writer: use DenyList.NONE when there is none");
		Analysis analysis = analyse(text, new DenyListMatcher(writer));
		analysis.propagate(names(List.of(analysis), writer));
		return analysis.spans();
	}

	/**
	 * Proposes redactions for a letter and its reply together: the writer's fields are
	 * looked for in both, and a name found in either is proposed wherever it occurs in
	 * both.
	 * @param letter the letter body
	 * @param reply the official reply, or {@code null} when there is none yet
	 * @param writer the writer's form fields, or {@link DenyList#NONE}
	 * @return the spans of each text
	 */
	public RedactionResult detectLetter(String letter, String reply, DenyList writer) {
		Objects.requireNonNull(letter, "letter");
		Objects.requireNonNull(writer, "writer: use DenyList.NONE when there is none");
		DenyListMatcher deny = new DenyListMatcher(writer);
		Analysis body = analyse(letter, deny);
		Analysis answer = analyse((reply != null) ? reply : "", deny);
		Map<String, Double> names = names(List.of(body, answer), writer);
		body.propagate(names);
		answer.propagate(names);
		return new RedactionResult(body.spans(), answer.spans());
	}

	/**
	 * Writes {@code text} with {@code spans} replaced. Overlapping spans are merged
	 * first; a merged span takes the kind of its highest-scoring member.
	 * @param text the original text the spans refer to
	 * @param spans the approved spans, in any order
	 * @param style typed labels, or the 张某 convention for names
	 * @return the redacted text
	 */
	public String apply(String text, List<RedactionSpan> spans, LabelStyle style) {
		StringBuilder out = new StringBuilder(text.length());
		int at = 0;
		for (RedactionSpan span : merge(spans)) {
			if (span.end() > text.length()) {
				throw new IllegalArgumentException("Span " + span + " lies outside a text of length " + text.length());
			}
			out.append(text, at, span.start());
			out.append(label(text.substring(span.start(), span.end()), span.kind(), style));
			at = span.end();
		}
		return out.append(text, at, text.length()).toString();
	}

	/** Spans merged where they overlap, sorted by start. */
	static List<RedactionSpan> merge(List<RedactionSpan> spans) {
		List<RedactionSpan> sorted = new ArrayList<>(spans);
		sorted.sort(Comparator.comparingInt(RedactionSpan::start).thenComparing(RedactionSpan::end));
		List<RedactionSpan> merged = new ArrayList<>();
		for (RedactionSpan span : sorted) {
			RedactionSpan last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last == null || span.start() >= last.end()) {
				merged.add(span);
				continue;
			}
			RedactionSpan stronger = (span.score() > last.score()
					|| (span.score() == last.score() && span.length() > last.length())) ? span : last;
			merged.set(merged.size() - 1, new RedactionSpan(stronger.kind(), last.start(),
					Math.max(last.end(), span.end()), stronger.score(), stronger.explanation()));
		}
		return merged;
	}

	private String label(String original, RedactionKind kind, LabelStyle style) {
		if (kind != RedactionKind.NAME || style != LabelStyle.SURNAME_MOU) {
			return kind.label();
		}
		String name = original.strip();
		if (name.length() == 2 && (name.charAt(0) == '老' || name.charAt(0) == '小')) {
			name = name.substring(1);
		}
		int surname = this.surnames.lengthAt(name, 0);
		return (surname > 0) ? name.substring(0, surname) + "某" : kind.label();
	}

	private Analysis analyse(String text, DenyListMatcher deny) {
		NormalizedText normalized = NormalizedText.of(text);
		List<Finding> findings = new ArrayList<>();
		for (Detector detector : this.detectors) {
			detector.detect(normalized.text(), findings);
		}
		findings.removeIf((finding) -> finding.score() < this.settings.threshold()
				|| !this.settings.kinds().contains(finding.kind()));
		deny.detect(normalized.text(), findings);
		return new Analysis(normalized, findings);
	}

	/**
	 * The names to propagate: full names (not bare surnames or 老X/小X) found in any of the
	 * texts.
	 */
	private static Map<String, Double> names(List<Analysis> analyses, DenyList writer) {
		Map<String, Double> names = new LinkedHashMap<>();
		for (Analysis analysis : analyses) {
			String text = analysis.text.text();
			for (Finding finding : analysis.findings) {
				String name = text.substring(finding.start(), finding.end());
				if (finding.kind() == RedactionKind.NAME && name.length() >= 2 && name.charAt(0) != '老'
						&& name.charAt(0) != '小') {
					names.merge(name, finding.score(), Math::max);
				}
			}
		}
		if (writer.name() != null) {
			String name = NormalizedText.of(writer.name()).text().replaceAll("\\s+", "");
			if (name.length() >= 2) {
				names.put(name, 1.0);
			}
		}
		return names;
	}

	/** One text being analysed: its normalised form and what has been found in it. */
	private record Analysis(NormalizedText text, List<Finding> findings) {

		void propagate(Map<String, Double> names) {
			String normalized = this.text.text();
			for (Map.Entry<String, Double> entry : names.entrySet()) {
				String name = entry.getKey();
				for (int at = normalized.indexOf(name); at >= 0; at = normalized.indexOf(name, at + name.length())) {
					this.findings.add(new Finding(RedactionKind.NAME, at, at + name.length(), entry.getValue(),
							"the same name as found elsewhere in the letter"));
				}
			}
		}

		List<RedactionSpan> spans() {
			List<RedactionSpan> spans = new ArrayList<>();
			for (Finding finding : this.findings) {
				spans.add(new RedactionSpan(finding.kind(), this.text.originalStart(finding.start()),
						this.text.originalEnd(finding.end()), finding.score(), finding.explanation()));
			}
			spans.sort(Comparator.comparing(RedactionSpan::kind)
				.thenComparingInt(RedactionSpan::start)
				.thenComparingInt(RedactionSpan::end));
			List<RedactionSpan> merged = new ArrayList<>();
			for (RedactionSpan span : spans) {
				RedactionSpan last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
				if (last != null && last.kind() == span.kind() && span.start() < last.end()) {
					RedactionSpan stronger = (span.score() > last.score()) ? span : last;
					merged.set(merged.size() - 1, new RedactionSpan(span.kind(), last.start(),
							Math.max(last.end(), span.end()), stronger.score(), stronger.explanation()));
				}
				else {
					merged.add(span);
				}
			}
			merged.sort(Comparator.comparingInt(RedactionSpan::start).thenComparingInt(RedactionSpan::end));
			return List.copyOf(merged);
		}

	}

}
