package org.helperscripts.telemetry.migrate;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The environment variables of the previous migration tool as defaults for the flags, so its
 * scripts keep working: a flag given on the command line wins, then the first variable set, then
 * the flag's own default.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    /** Option → the variables that may fill it, in order of preference. */
    static final Map<String, List<String>> VARIABLES = Map.ofEntries(
            Map.entry("--pb-url", List.of("POCKETBASE_URL", "PB_URL")),
            Map.entry("--pb-collection", List.of("POCKETBASE_COLLECTION", "PB_TARGET_COLLECTION")),
            Map.entry("--pb-auth-collection", List.of("PB_AUTH_COLLECTION")),
            Map.entry("--pb-identity", List.of("PB_IDENTITY")),
            Map.entry("--pb-password", List.of("PB_PASSWORD")),
            Map.entry("--repo-source", List.of("REPO_SOURCE")),
            Map.entry("--date-from", List.of("DATE_FROM")),
            Map.entry("--date-until", List.of("DATE_UNTIL")),
            Map.entry("--start-page", List.of("START_PAGE")),
            Map.entry("--batch-size", List.of("BATCH_SIZE")),
            Map.entry("--skip", List.of("SKIP_RECORDS")),
            Map.entry("--workers", List.of("WORKERS")));

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName();
        if (name.equals("--from")) {
            String file = value("JSON_FILE");
            String url = value("MIGRATION_SOURCE_URL");
            return file != null ? "json:" + file : url != null ? "api:" + url : null;
        }
        if (name.equals("--to")) {
            String sql = value("SQL_OUTPUT");
            if (sql != null) {
                return "sql:" + sql;
            }
            return value("POCKETBASE_URL") != null || value("PB_URL") != null ? "pocketbase" : null;
        }
        for (String variable : VARIABLES.getOrDefault(name, List.of())) {
            String value = value(variable);
            if (value != null) {
                return value;
            }
        }
        return option.defaultValue();
    }

    private String value(String variable) {
        String value = environment.get(variable);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
