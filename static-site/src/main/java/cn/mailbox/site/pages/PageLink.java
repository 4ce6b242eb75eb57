package cn.mailbox.site.pages;

/**
 * One link of a pager or a facet list.
 *
 * @param label what the link says (a page number, a code)
 * @param href where it points
 * @param current whether it is the page being shown (rendered with {@code aria-current})
 * @param count how many letters it leads to, or -1 when not counted
 */
public record PageLink(String label, String href, boolean current, long count) {

}
