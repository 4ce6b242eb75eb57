package cn.mailbox.portal.archive;

import cn.mailbox.moderation.disclosure.RedactionProperties;
import cn.mailbox.moderation.redaction.DenyList;
import cn.mailbox.moderation.redaction.LabelStyle;
import cn.mailbox.moderation.redaction.Redactor;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Imported letters go through the same automatic redaction as disclosed ones (names,
 * phones, ID numbers, addresses, cards, plates, chat ids, confidential passages), then
 * through the conservative digit and e-mail pass as a second net: nobody reviews an
 * import line by line. Labels follow {@code moderation.redaction.label-style}.
 */
@Component
@Primary
class AutomaticImportRedaction implements ImportRedaction {

	private final Redactor redactor;

	private final BuiltInImportRedaction secondNet;

	private final LabelStyle style;

	AutomaticImportRedaction(Redactor redactor, BuiltInImportRedaction secondNet, RedactionProperties properties) {
		this.redactor = redactor;
		this.secondNet = secondNet;
		this.style = properties.style();
	}

	@Override
	public String redact(String text) {
		String redacted = this.redactor.apply(text, this.redactor.detect(text, DenyList.NONE), this.style);
		return this.secondNet.redact(redacted);
	}

}
