package cn.mailbox.moderation.letter;

/**
 * What duplicate screening found for one stored letter, for
 * {@link LetterRegistry#registerAll} and {@link LetterRegistry#recordDuplicateScreening}.
 *
 * @param letterId the letter
 * @param signature its near-duplicate signature (bytes)
 * @param duplicateOf the earliest letter it repeats, or null
 * @param similarity how alike the two are (0..1), or null
 * @param sameSender whether that letter came from the same sender, or null
 */
public record DuplicateScreening(long letterId, byte[] signature, Long duplicateOf, Double similarity,
		Boolean sameSender) {

}
