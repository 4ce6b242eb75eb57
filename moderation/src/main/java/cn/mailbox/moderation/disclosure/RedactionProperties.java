package cn.mailbox.moderation.disclosure;

import cn.mailbox.moderation.redaction.LabelStyle;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How published text shows what was redacted ({@code moderation.redaction.*}), for
 * disclosed letters and imported archives alike.
 *
 * @param labelStyle {@code typed} (default: every span becomes its kind's label,
 * {@code [姓名]}, {@code [电话]}) or {@code surname} (names become 张某, the court-judgement
 * convention; other kinds keep their typed label)
 */
@ConfigurationProperties("moderation.redaction")
public record RedactionProperties(@DefaultValue("typed") String labelStyle) {

	public RedactionProperties {
		style(labelStyle);
	}

	/** The configured style as the redactor takes it. */
	public LabelStyle style() {
		return style(this.labelStyle);
	}

	private static LabelStyle style(String code) {
		return switch ((code != null) ? code.strip().toLowerCase(java.util.Locale.ROOT) : "typed") {
			case "typed" -> LabelStyle.TYPED_LABELS;
			case "surname" -> LabelStyle.SURNAME_MOU;
			default -> throw new IllegalArgumentException(
					"moderation.redaction.label-style is 'typed' or 'surname', not '" + code + "'");
		};
	}

}
