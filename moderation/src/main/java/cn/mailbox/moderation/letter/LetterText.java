package cn.mailbox.moderation.letter;

/**
 * A stored letter's own words, as the citizen wrote them (private: never published).
 *
 * @param letterId the letter's id
 * @param title its title
 * @param body its body
 */
public record LetterText(long letterId, String title, String body) {
}
