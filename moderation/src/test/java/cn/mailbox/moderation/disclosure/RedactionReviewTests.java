package cn.mailbox.moderation.disclosure;

import java.util.List;

import cn.mailbox.moderation.redaction.DenyList;
import cn.mailbox.moderation.redaction.LabelStyle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedactionReviewTests {

	private static final RedactionProposals.LetterTexts TEXTS = new RedactionProposals.LetterTexts("噪音投诉",
			"我叫欧阳明轩，电话13912345678。", null, DenyList.NONE);

	@Test
	void acceptsSpansInsideTheirTextWithAKnownKindInAnyCase() {
		List<RedactionProposals.Valid> valid = RedactionProposals.validate(TEXTS,
				List.of(new ReviewedSpan("letter", 2, 6, "name"), new ReviewedSpan("letter", 9, 20, "PHONE"),
						new ReviewedSpan("title", 0, 2, "Confidential")));

		assertThat(valid).extracting(RedactionProposals.Valid::end).containsExactly(6, 20, 2);
	}

	@Test
	void reportsEveryBadSpanByFieldAtOnce() {
		assertThatExceptionOfType(RedactionsRejected.class)
			.isThrownBy(() -> RedactionProposals.validate(TEXTS,
					List.of(new ReviewedSpan("letter", 2, 6, "NAME"), new ReviewedSpan("letter", 4, 8, "NAME"),
							new ReviewedSpan("letter", 10, 99, "PHONE"), new ReviewedSpan("body", 0, 1, "NAME"),
							new ReviewedSpan("reply", 0, 1, "NAME"), new ReviewedSpan("title", 0, 1, "secret"),
							new ReviewedSpan("title", 3, 3, "NAME"), new ReviewedSpan("title", null, 1, "NAME"))))
			.satisfies((rejected) -> assertThat(rejected.problems()).containsExactlyInAnyOrder(
					new RedactionsRejected.Problem("redactions[1].start", "redaction.overlap"),
					new RedactionsRejected.Problem("redactions[2].end", "redaction.outside"),
					new RedactionsRejected.Problem("redactions[3].target", "redaction.target"),
					new RedactionsRejected.Problem("redactions[4].target", "redaction.noReply"),
					new RedactionsRejected.Problem("redactions[5].kind", "redaction.kind"),
					new RedactionsRejected.Problem("redactions[6].end", "redaction.end"),
					new RedactionsRejected.Problem("redactions[7].start", "redaction.start")));
	}

	@Test
	void anEmptyListIsAReviewThatRemovesEverything() {
		assertThat(RedactionProposals.validate(TEXTS, List.of())).isEmpty();
		assertThat(RedactionProposals.validate(TEXTS, null)).isEmpty();
	}

	@Test
	void labelStyleIsTypedOrSurname() {
		assertThat(new RedactionProperties(null).style()).isEqualTo(LabelStyle.TYPED_LABELS);
		assertThat(new RedactionProperties("typed").style()).isEqualTo(LabelStyle.TYPED_LABELS);
		assertThat(new RedactionProperties(" Surname ").style()).isEqualTo(LabelStyle.SURNAME_MOU);
		assertThatIllegalArgumentException().isThrownBy(() -> new RedactionProperties("initials"));
	}

}
