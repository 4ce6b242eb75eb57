package cn.mailbox.site.pages;

/**
 * One row of a weekly, monthly or per-unit report.
 *
 * @param label the period ({@code 2024-W07}, {@code 2024-02}) or unit
 * @param href a link to the unit's page, or {@code null}
 * @param figures the figures of the letters received in that period or handled by that
 * unit
 */
public record ReportRow(String label, String href, Figures figures) {

}
