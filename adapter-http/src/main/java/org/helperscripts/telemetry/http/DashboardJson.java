package org.helperscripts.telemetry.http;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.ports.in.Dashboard;
import org.helperscripts.telemetry.ports.in.Dashboard.NameCount;
import org.helperscripts.telemetry.ports.in.Dashboard.PeriodStat;
import org.helperscripts.telemetry.ports.out.CachedAnswer;

/**
 * The JSON of GET /api/dashboard. Field names are those of the service this one replaces, so
 * existing consumers keep working; the additions (aborted_count, cpu_vendors, exit_code_stats,
 * hourly_stats, from_cache, …) are new names.
 */
final class DashboardJson {

    private DashboardJson() {
    }

    static Map<String, Object> of(CachedAnswer<Dashboard> answer) {
        Dashboard dashboard = answer.value();
        Dashboard.Totals totals = dashboard.totals();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("days", dashboard.days());
        json.put("repo", dashboard.repo());
        json.put("from", dashboard.from() == null ? null : dashboard.from().toString());
        json.put("until", dashboard.until().toString());
        json.put("generated_at", answer.computedAt().toString());
        json.put("from_cache", answer.fromCache());
        json.put("total_installs", totals.total());
        json.put("success_count", totals.success());
        json.put("failed_count", totals.failed());
        json.put("aborted_count", totals.aborted());
        json.put("installing_count", totals.inProgress());
        json.put("unknown_count", totals.unknown());
        json.put("success_rate", totals.successRatePercent());
        json.put("avg_install_duration", Math.round(dashboard.averageInstallSeconds() * 10.0) / 10.0);
        json.put("top_apps", counts(dashboard.topApps(), "app"));
        json.put("os_distribution", counts(dashboard.osTypes(), "os"));
        json.put("method_stats", counts(dashboard.methods(), "method"));
        json.put("pve_versions", counts(dashboard.pveVersions(), "version"));
        json.put("type_stats", counts(dashboard.types(), "type"));
        json.put("cpu_vendors", counts(dashboard.cpuVendors(), "vendor"));
        json.put("error_categories", counts(dashboard.errorCategories(), "category"));
        json.put("top_tools", counts(dashboard.topTools(), "tool"));
        json.put("top_addons", counts(dashboard.topAddons(), "addon"));
        json.put("total_tools", dashboard.totalTools());
        json.put("total_addons", dashboard.totalAddons());
        json.put("gpu_stats", rows(dashboard.gpus(), gpu -> row(
                "vendor", gpu.vendor(), "passthrough", gpu.passthrough(), "count", gpu.count())));
        json.put("error_analysis", rows(dashboard.errorPatterns(), group -> row(
                "pattern", group.pattern(), "count", group.count(), "unique_apps", group.apps().size(),
                "apps", String.join(", ", group.apps()), "example", group.example())));
        json.put("failed_apps", rows(dashboard.failedApps(), app -> row(
                "app", app.app(), "type", app.type(), "total_count", app.finished(), "failed_count", app.failed(),
                "failure_rate", app.failureRatePercent())));
        json.put("exit_code_stats", rows(dashboard.exitCodes(), code -> row(
                "exit_code", code.exitCode(), "count", code.count(), "description", code.description(),
                "category", code.category(), "percentage", code.percent())));
        json.put("daily_stats", rows(dashboard.daily(), day -> period("date",
                LocalDate.ofInstant(day.start(), ZoneOffset.UTC).toString(), day)));
        json.put("hourly_stats", rows(dashboard.hourly(), hour -> period("hour", hour.start().toString(), hour)));
        json.put("recent_records", rows(dashboard.recentRecords(), RunJson::of));
        return json;
    }

    private static List<Map<String, Object>> counts(List<NameCount> counts, String nameField) {
        return rows(counts, count -> row(nameField, count.name(), "count", count.count()));
    }

    private static Map<String, Object> period(String startField, String start, PeriodStat stat) {
        return row(startField, start, "success", stat.success(), "failed", stat.failed(), "aborted", stat.aborted(),
                "installing", stat.inProgress(), "unknown", stat.unknown());
    }

    private static <T> List<Map<String, Object>> rows(List<T> items, Function<T, Map<String, Object>> toRow) {
        List<Map<String, Object>> rows = new ArrayList<>(items.size());
        for (T item : items) {
            rows.add(toRow.apply(item));
        }
        return rows;
    }

    /** An ordered JSON object from name, value, name, value… */
    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
