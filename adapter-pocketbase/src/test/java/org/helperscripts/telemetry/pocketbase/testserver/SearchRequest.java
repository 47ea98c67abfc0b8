package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The list parameters {@code page}, {@code perPage}, {@code sort}, {@code filter} and
 * {@code skipTotal}, read and normalised as PocketBase's search provider does.
 */
record SearchRequest(int page, int perPage, List<String> sort, String filter, boolean skipTotal) {

    static final int DEFAULT_PER_PAGE = 30;
    static final int MAX_PER_PAGE = 1000;
    static final int MAX_SORT_FIELDS = 8;
    static final int MAX_FILTER_LENGTH = 3500;

    /** What Go's strconv.ParseBool accepts. */
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    static SearchRequest from(ApiRequest request) {
        boolean skipTotal = false;
        String rawSkip = request.query("skipTotal");
        if (!rawSkip.isEmpty()) {
            if (!TRUE.contains(rawSkip) && !FALSE.contains(rawSkip)) {
                throw ApiError.generic();
            }
            skipTotal = TRUE.contains(rawSkip);
        }
        int page = integer(request.query("page"), 1);
        int perPage = integer(request.query("perPage"), DEFAULT_PER_PAGE);
        List<String> sort = new ArrayList<>();
        String rawSort = request.query("sort");
        if (!rawSort.isEmpty()) {
            for (String part : rawSort.split(",", -1)) {
                sort.add(part.strip());
            }
        }
        return new SearchRequest(
                page <= 0 ? 1 : page,
                perPage <= 0 ? DEFAULT_PER_PAGE : Math.min(perPage, MAX_PER_PAGE),
                sort,
                request.query("filter"),
                skipTotal);
    }

    private static int integer(String raw, int absent) {
        if (raw.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException notInteger) {
            throw ApiError.generic();
        }
    }
}
