package org.helperscripts.telemetry.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Groups error texts into patterns, so that "Failed to connect to [ip] port 443" and "... port
 * 8443", or the same apt error for two packages, count as one problem. A pattern is the text with
 * its variable parts replaced by placeholders: URLs by {@code <url>}, absolute paths by
 * {@code <path>}, quoted strings by {@code '…'}, hexadecimal identifiers by {@code <id>},
 * numbers (with any unit or version dots) by {@code #} except a number in parentheses such as
 * curl's {@code (7)}, and the word after "package", "unit", "service" or "module" by
 * {@code <name>}. Pure functions, thread-safe.
 */
public final class ErrorPatterns {

    private static final List<Rewrite> REWRITES = List.of(
            new Rewrite("\\b[a-z][a-z0-9+.-]*://\\S+", "<url>"),
            new Rewrite("(?<![\\w.<])(?:~|\\.{1,2})?/[^\\s:;,'\"()]+", "<path>"),
            new Rewrite("'[^']*'|\"[^\"]*\"|`[^`]*`", "'…'"),
            new Rewrite("(?i)(?<![\\w.])(packages?|units?|services?|modules?)\\s+(?!<)[\\w@.+:-]+", "$1 <name>"),
            new Rewrite("\\b(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\\b", "<id>"),
            // "curl: (7)" and "(28)" name different failures, so a number in parentheses stays.
            new Rewrite("(?<!\\()\\b[vV]?\\d+(?:[.:_-]\\d+)*[a-zA-Z]{0,3}\\b", "#"),
            new Rewrite("\\s+", " "));

    private ErrorPatterns() {
    }

    /** The pattern of one error text; blank or null text has the pattern {@code ""}. */
    public static String patternOf(String error) {
        if (error == null) {
            return "";
        }
        String pattern = error;
        for (Rewrite rewrite : REWRITES) {
            pattern = rewrite.apply(pattern);
        }
        return pattern.trim();
    }

    /**
     * Groups counted error texts by pattern: the most frequent patterns first (ties by pattern),
     * at most {@code limit}, each with its total, its most frequent text as an example, and the
     * scripts it occurred in, most affected first (ties by name).
     */
    public static List<ErrorPattern> group(Collection<ErrorCount> errors, int limit) {
        Map<String, Accumulator> byPattern = new HashMap<>();
        for (ErrorCount error : errors) {
            String pattern = patternOf(error.text());
            if (!pattern.isEmpty()) {
                byPattern.computeIfAbsent(pattern, Accumulator::new).add(error);
            }
        }
        List<ErrorPattern> patterns = new ArrayList<>(byPattern.size());
        for (Accumulator accumulator : byPattern.values()) {
            patterns.add(accumulator.result());
        }
        patterns.sort(Comparator.comparingLong(ErrorPattern::count).reversed().thenComparing(ErrorPattern::pattern));
        return patterns.size() > limit ? List.copyOf(patterns.subList(0, limit)) : List.copyOf(patterns);
    }

    /** One distinct error text, the script it occurred in ({@code null} when unknown) and how often. */
    public record ErrorCount(String text, String app, long count) {
        public ErrorCount {
            Objects.requireNonNull(text, "text");
        }

        /** A text counted without telling which script it came from. */
        public ErrorCount(String text, long count) {
            this(text, null, count);
        }
    }

    /**
     * A group of error texts: its pattern, how often it occurred, its most frequent text, and the
     * scripts it occurred in (most affected first; empty when the counts named none).
     */
    public record ErrorPattern(String pattern, long count, String example, List<String> apps) {
        public ErrorPattern {
            apps = List.copyOf(apps);
        }

        /** A pattern whose counts named no script. */
        public ErrorPattern(String pattern, long count, String example) {
            this(pattern, count, example, List.of());
        }
    }

    private record Rewrite(Pattern pattern, String replacement) {
        Rewrite(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String apply(String text) {
            return pattern.matcher(text).replaceAll(replacement);
        }
    }

    private static final class Accumulator {
        private final String pattern;
        private final Map<String, Long> textCounts = new HashMap<>();
        private final Map<String, Long> appCounts = new HashMap<>();
        private long count;

        Accumulator(String pattern) {
            this.pattern = pattern;
        }

        void add(ErrorCount error) {
            count += error.count();
            textCounts.merge(error.text(), error.count(), Long::sum);
            if (error.app() != null) {
                appCounts.merge(error.app(), error.count(), Long::sum);
            }
        }

        ErrorPattern result() {
            return new ErrorPattern(pattern, count, mostFrequent(textCounts).get(0), mostFrequent(appCounts));
        }

        private static List<String> mostFrequent(Map<String, Long> counts) {
            List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
            entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            List<String> names = new ArrayList<>(entries.size());
            for (Map.Entry<String, Long> entry : entries) {
                names.add(entry.getKey());
            }
            return names;
        }
    }
}
