package cn.mailbox.moderation.redaction;

/**
 * How {@link Redactor#apply} writes a redacted span.
 */
public enum LabelStyle {

	/** Every span becomes its kind's typed label: {@code 李建义} → {@code [姓名]}. */
	TYPED_LABELS,

	/**
	 * Names keep their surname and become {@code 某} (the court-judgement convention:
	 * {@code 李建义} → {@code 李某}, {@code 欧阳娜娜} → {@code 欧阳某}); other kinds get typed
	 * labels.
	 */
	SURNAME_MOU

}
