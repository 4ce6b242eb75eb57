package cn.mailbox.portal.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import cn.mailbox.moderation.disclosure.ReviewedSpan;
import cn.mailbox.moderation.redaction.RedactionKind;
import cn.mailbox.moderation.workflow.StaffLetterView;
import cn.mailbox.moderation.workflow.StaffLetterView.RedactionProposal;
import org.springframework.util.MultiValueMap;

/**
 * The console's redaction review form: which proposals stay (checkboxes named
 * {@code keep} with the value {@code target:start:end:kind}), a text to add (every
 * occurrence is marked, swallowing kept spans it overlaps), and the marked-up texts the
 * page shows.
 */
final class RedactionForm {

	static final List<String> TARGETS = List.of("title", "letter", "reply");

	private RedactionForm() {
	}

	/** The value of a proposal's checkbox. */
	static String key(RedactionProposal proposal) {
		return proposal.target() + ":" + proposal.start() + ":" + proposal.end() + ":" + proposal.kind();
	}

	/**
	 * The posted form as the full reviewed list.
	 * @throws Invalid when the text to add occurs nowhere, its kind is unknown or a
	 * checkbox value is malformed
	 */
	static List<ReviewedSpan> reviewed(MultiValueMap<String, String> form, StaffLetterView letter) {
		List<ReviewedSpan> spans = new ArrayList<>();
		for (String value : form.getOrDefault("keep", List.of())) {
			String[] parts = value.split(":");
			if (parts.length != 4) {
				throw new Invalid("malformed");
			}
			try {
				spans.add(new ReviewedSpan(parts[0], Integer.valueOf(parts[1]), Integer.valueOf(parts[2]), parts[3]));
			}
			catch (NumberFormatException ex) {
				throw new Invalid("malformed");
			}
		}
		String added = form.getFirst("addText");
		if (added != null && !added.isBlank()) {
			String kind = kind(form.getFirst("addKind"));
			String where = form.getFirst("addTarget");
			boolean found = false;
			for (String target : TARGETS) {
				if (where == null || where.isBlank() || "all".equals(where) || target.equals(where)) {
					found |= addEveryOccurrence(spans, target, text(letter, target), added.strip(), kind);
				}
			}
			if (!found) {
				throw new Invalid("notFound");
			}
		}
		return spans;
	}

	/**
	 * Marks every occurrence of {@code needle} in one text; a kept span it overlaps is
	 * swallowed into the new span, so nothing of either is left readable.
	 */
	static boolean addEveryOccurrence(List<ReviewedSpan> spans, String target, String text, String needle,
			String kind) {
		if (text == null || needle.isEmpty()) {
			return false;
		}
		boolean found = false;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
			found = true;
			int start = at;
			int end = at + needle.length();
			List<ReviewedSpan> swallowed = new ArrayList<>();
			for (ReviewedSpan span : spans) {
				if (span.target().equals(target) && span.start() < end && start < span.end()) {
					swallowed.add(span);
				}
			}
			for (ReviewedSpan span : swallowed) {
				start = Math.min(start, span.start());
				end = Math.max(end, span.end());
			}
			spans.removeAll(swallowed);
			spans.add(new ReviewedSpan(target, start, end, kind));
		}
		return found;
	}

	/** The text a target refers to, or {@code null} (no reply yet). */
	static String text(StaffLetterView letter, String target) {
		return switch (target) {
			case "title" -> letter.title();
			case "letter" -> letter.body();
			default -> letter.reply();
		};
	}

	/**
	 * One text cut into plain and marked pieces: every proposal not removed is marked
	 * (overlapping ones as one mark naming all their kinds and reasons).
	 */
	static List<Segment> segments(String text, List<RedactionProposal> proposals, String target) {
		List<Segment> segments = new ArrayList<>();
		if (text == null) {
			return segments;
		}
		List<RedactionProposal> marked = proposals.stream()
			.filter((p) -> p.target().equals(target) && (p.writerField() || !"removed".equals(p.status())))
			.filter((p) -> p.end() <= text.length())
			.sorted(Comparator.comparingInt(RedactionProposal::start).thenComparingInt(RedactionProposal::end))
			.toList();
		int at = 0;
		int i = 0;
		while (i < marked.size()) {
			RedactionProposal first = marked.get(i);
			int start = Math.max(first.start(), at);
			int end = first.end();
			List<RedactionProposal> group = new ArrayList<>(List.of(first));
			i++;
			while (i < marked.size() && marked.get(i).start() < end) {
				group.add(marked.get(i));
				end = Math.max(end, marked.get(i).end());
				i++;
			}
			if (start > at) {
				segments.add(new Segment(text.substring(at, start), List.of()));
			}
			if (end > start) {
				segments.add(new Segment(text.substring(start, end), group));
			}
			at = Math.max(at, end);
		}
		if (at < text.length()) {
			segments.add(new Segment(text.substring(at), List.of()));
		}
		return segments;
	}

	private static String kind(String code) {
		if (code == null || code.isBlank()) {
			throw new Invalid("kind");
		}
		try {
			return RedactionKind.valueOf(code.strip().toUpperCase(Locale.ROOT)).name();
		}
		catch (IllegalArgumentException ex) {
			throw new Invalid("kind");
		}
	}

	/**
	 * A piece of a text: plain when {@code marks} is empty, else a proposed redaction and
	 * why.
	 */
	record Segment(String text, List<RedactionProposal> marks) {

		public boolean marked() {
			return !this.marks.isEmpty();
		}

	}

	/**
	 * A form the console cannot turn into a list; the code names a message
	 * {@code console.redactions.error.<code>}.
	 */
	static final class Invalid extends IllegalArgumentException {

		private final String code;

		Invalid(String code) {
			super(code, null);
			this.code = code;
		}

		String code() {
			return this.code;
		}

	}

}
