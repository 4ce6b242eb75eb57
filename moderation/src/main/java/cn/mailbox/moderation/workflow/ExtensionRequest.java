package cn.mailbox.moderation.workflow;

/**
 * A unit's pending request for more time (延期申请), waiting for the moderator.
 *
 * @param unit the unit asking
 * @param days working days asked for
 * @param reason why
 */
public record ExtensionRequest(String unit, int days, String reason) {

	public ExtensionRequest {
		if (unit == null || unit.isBlank()) {
			throw new IllegalArgumentException("An extension request comes from a unit");
		}
		if (days < 1) {
			throw new IllegalArgumentException("An extension asks for at least 1 working day: " + days);
		}
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("An extension request needs a reason");
		}
	}

}
