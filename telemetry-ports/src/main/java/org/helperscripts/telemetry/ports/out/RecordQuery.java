package org.helperscripts.telemetry.ports.out;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Status;

/**
 * Which records to list. Every filter is optional ({@code null}); {@code appContains} matches a
 * part of the script name, case-insensitively; {@code repo} {@code null} means every repository.
 * Filter values are data, never query text: stores bind them as parameters.
 *
 * @param page  1-based page number
 * @param limit records per page, 1 to {@link #MAX_LIMIT}
 */
public record RecordQuery(int page, int limit, Status status, String appContains, String osType,
                          InstallType type, RepoSource repo, RecordSort sort) {

    public static final int MAX_LIMIT = 100;

    public RecordQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1, was " + page);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        if (sort == null) {
            sort = RecordSort.NEWEST_FIRST;
        }
    }

    /** The newest records, unfiltered. */
    public static RecordQuery newest(int page, int limit) {
        return new RecordQuery(page, limit, null, null, null, null, null, RecordSort.NEWEST_FIRST);
    }

    /** Records to skip before this page. */
    public long offset() {
        return (long) (page - 1) * limit;
    }
}
