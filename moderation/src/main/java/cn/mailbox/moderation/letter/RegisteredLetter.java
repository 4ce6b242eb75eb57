package cn.mailbox.moderation.letter;

import java.time.Instant;

/** A letter that is stored: what the citizen is told once the transaction commits. */
public record RegisteredLetter(long id, String trackingNumber, LetterState state, Instant receivedAt) {
}
