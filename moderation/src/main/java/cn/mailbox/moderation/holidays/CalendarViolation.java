package cn.mailbox.moderation.holidays;

/**
 * One thing wrong with an uploaded holiday notice.
 *
 * @param field where: {@code year}, {@code days}, {@code days[3].date} ...
 * @param code a message key the portal words ({@code calendar.invalid.*})
 * @param arguments what the message needs
 */
public record CalendarViolation(String field, String code, Object... arguments) {

	public CalendarViolation {
		arguments = arguments.clone();
	}

}
