package org.helperscripts.telemetry.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.javalin.http.Context;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.domain.Violation;
import org.helperscripts.telemetry.domain.WireValue;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.RecordSort;

/**
 * Reads the query of GET /api/records. Every value is checked against what it may be (sort
 * against an allowlist), and a bad one is a 400 naming the parameter.
 */
final class RecordsQueryParameters {

    static final int DEFAULT_LIMIT = 25;
    private static final int MAX_TEXT = 64;

    /** Sort spellings of the API; a leading minus means descending. */
    static final Map<String, RecordSort> SORTS = Map.of(
            "-created", RecordSort.NEWEST_FIRST,
            "created", RecordSort.OLDEST_FIRST,
            "-updated", RecordSort.UPDATED_NEWEST_FIRST,
            "nsapp", RecordSort.APP_A_TO_Z,
            "-nsapp", RecordSort.APP_Z_TO_A,
            "status", RecordSort.STATUS_A_TO_Z,
            "-install_duration", RecordSort.LONGEST_INSTALL_FIRST);

    private RecordsQueryParameters() {
    }

    static RecordQuery read(Context ctx) {
        List<Violation> problems = new ArrayList<>();
        int page = number(ctx, "page", 1, 1, 1_000_000, problems);
        int limit = number(ctx, "limit", DEFAULT_LIMIT, 1, RecordQuery.MAX_LIMIT, problems);
        Status status = choice(ctx, "status", Status.class, problems);
        InstallType type = choice(ctx, "type", InstallType.class, problems);
        RepoSource repo = repo(ctx, null, problems);
        String app = text(ctx, "app", problems);
        String os = text(ctx, "os", problems);
        String sortText = ctx.queryParam("sort");
        RecordSort sort = RecordSort.NEWEST_FIRST;
        if (sortText != null && !sortText.isBlank()) {
            sort = SORTS.get(sortText.trim());
            if (sort == null) {
                problems.add(new Violation("sort", "must be one of: " + String.join(", ", SORTS.keySet().stream().sorted().toList())));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidQueryException(problems);
        }
        return new RecordQuery(page, limit, status, app, os == null ? null : os.toLowerCase(Locale.ROOT), type,
                repo, sort);
    }

    private static int number(Context ctx, String name, int fallback, int min, int max, List<Violation> problems) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the allowed range
        }
        problems.add(new Violation(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    private static <E extends Enum<E> & WireValue> E choice(Context ctx, String name, Class<E> type,
                                                            List<Violation> problems) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        E choice = WireValue.lookup(type, value).orElse(null);
        if (choice == null) {
            problems.add(new Violation(name, "must be one of: " + WireValue.allowed(type)));
        }
        return choice;
    }

    /** The {@code repo} parameter: {@code all} is null (every repository), a missing one {@code absent}. */
    static RepoSource repo(Context ctx, RepoSource absent, List<Violation> problems) {
        String value = ctx.queryParam("repo");
        if (value == null || value.isBlank()) {
            return absent;
        }
        if (value.trim().equalsIgnoreCase("all")) {
            return null;
        }
        RepoSource repo = WireValue.lookup(RepoSource.class, value).orElse(null);
        if (repo == null) {
            problems.add(new Violation("repo", "must be one of: all, " + WireValue.allowed(RepoSource.class)));
        }
        return repo;
    }

    private static String text(Context ctx, String name, List<Violation> problems) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            problems.add(new Violation(name, "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        return value.trim();
    }
}
