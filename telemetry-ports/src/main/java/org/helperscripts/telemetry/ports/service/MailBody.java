package org.helperscripts.telemetry.ports.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.helperscripts.telemetry.ports.out.Mail;

/**
 * Writes the plain text and the HTML of a mail side by side, so both parts always say the same;
 * every value is escaped on its way into the HTML.
 */
final class MailBody {

    /** A count, a percentage, a change or n/a: what lines up on the right. */
    private static final Pattern FIGURE = Pattern.compile("[-+]?\\d+(\\.\\d+)?( %| points)?|n/a");

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();

    MailBody heading(String title) {
        text.append(title).append('\n').append("-".repeat(title.length())).append('\n');
        html.append("<h2>").append(Html.escape(title)).append("</h2>\n");
        return this;
    }

    MailBody paragraph(String line) {
        text.append(line).append("\n\n");
        html.append("<p>").append(Html.escape(line)).append("</p>\n");
        return this;
    }

    /** A table; columns of figures are right-aligned, columns of words left-aligned. */
    MailBody table(List<String> header, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return paragraph("(none)");
        }
        boolean[] figures = new boolean[header.size()];
        for (int column = 0; column < figures.length; column++) {
            int index = column;
            figures[column] = rows.stream().allMatch(row -> FIGURE.matcher(row.get(index)).matches());
        }
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                String cell = row.get(column);
                String padding = " ".repeat(widths[column] - cell.length());
                line.append(column == 0 ? "" : "  ").append(figures[column] ? padding + cell : cell + padding);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        text.append('\n');

        html.append("<table>\n<tr>");
        header.forEach(cell -> html.append("<th>").append(Html.escape(cell)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (int column = 0; column < row.size(); column++) {
                html.append(figures[column] ? "<td class=\"n\">" : "<td>").append(Html.escape(row.get(column)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        return this;
    }

    Mail toMail(String subject) {
        String page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + Html.escape(subject)
                + "</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                + "th,td{padding:2px 8px;text-align:left}td.n{text-align:right}</style></head>\n<body>\n"
                + html + "</body></html>\n";
        return new Mail(subject, text.toString().stripTrailing() + "\n", page);
    }

    /** {@code 42.0 %}: one decimal, the same in every locale. */
    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value);
    }

    /** {@code part} as a percentage of {@code total}; 0 without a total. */
    static String share(long part, long total) {
        return percent(total == 0 ? 0.0 : part * 100.0 / total);
    }
}
