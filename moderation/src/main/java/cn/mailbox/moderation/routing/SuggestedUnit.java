package cn.mailbox.moderation.routing;

/**
 * A unit a letter could be assigned to, with the share of the similar past letters'
 * weight that went to it (0..1; the suggestions for one letter sum to at most 1).
 *
 * @param unit the unit code, as stored in {@code letters.assigned_units}
 * @param score the unit's share of the neighbours' similarity
 */
public record SuggestedUnit(String unit, double score) {

}
