package org.helperscripts.telemetry.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.helperscripts.telemetry.http.RateLimits;
import org.helperscripts.telemetry.http.TrustedProxies;

/**
 * Reads settings from environment variables: {@code NAME}, else the contents of the file named by
 * {@code NAME_FILE}, else the default. Every value is checked, and a bad one stops the server with
 * a message naming the variable.
 */
final class Environment {

    private final Map<String, String> variables;

    Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    String text(Setting setting) {
        String value = variables.get(setting.name());
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        String file = variables.get(setting.name() + "_FILE");
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).trim();
            } catch (IOException | RuntimeException unreadable) {
                throw new ConfigurationException(setting.name() + "_FILE names a file that cannot be read: "
                        + unreadable.getMessage());
            }
        }
        return setting.defaultValue();
    }

    /** Whether the variable or its file is given, rather than left to the default. */
    boolean isSet(Setting setting) {
        String value = variables.get(setting.name());
        String file = variables.get(setting.name() + "_FILE");
        return (value != null && !value.isBlank()) || (file != null && !file.isBlank());
    }

    int wholeNumber(Setting setting, int min, int max) {
        String value = text(setting);
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, with the allowed range
        }
        throw new ConfigurationException(setting.name() + " must be a whole number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    double decimal(Setting setting, double min, double max) {
        String value = text(setting);
        try {
            double number = Double.parseDouble(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, with the allowed range
        }
        throw new ConfigurationException(setting.name() + " must be a number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    boolean flag(Setting setting) {
        String value = text(setting);
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on":
                return true;
            case "false", "0", "no", "off":
                return false;
            default:
                throw new ConfigurationException(setting.name() + " must be true or false, got '" + value + "'");
        }
    }

    /** One of {@code choices}, matched ignoring case and returned in lower case. */
    String choice(Setting setting, List<String> choices) {
        String value = text(setting);
        String lower = value.toLowerCase(Locale.ROOT);
        if (!choices.contains(lower)) {
            throw new ConfigurationException(setting.name() + " must be " + String.join(" or ", choices)
                    + ", got '" + value + "'");
        }
        return lower;
    }

    TrustedProxies trustedProxies(Setting setting) {
        String value = text(setting);
        try {
            return TrustedProxies.parse(value);
        } catch (IllegalArgumentException bad) {
            throw new ConfigurationException(setting.name() + " must list CIDR blocks or addresses separated by"
                    + " commas, or none: " + bad.getMessage());
        }
    }

    String headerName(Setting setting) {
        String value = text(setting);
        if (!RateLimits.isHeaderName(value)) {
            throw new ConfigurationException(setting.name() + " must be a header name like "
                    + setting.defaultValue() + ", got '" + value + "'");
        }
        return value;
    }

    ListenAddress listenAddress(Setting setting) {
        String value = text(setting);
        try {
            return ListenAddress.parse(value);
        } catch (IllegalArgumentException bad) {
            throw new ConfigurationException(setting.name() + " " + bad.getMessage() + ", got '" + value + "'");
        }
    }

    Path directory(Setting setting) {
        String value = text(setting);
        try {
            Path path = Path.of(value).toAbsolutePath().normalize();
            if (Files.exists(path) && !Files.isDirectory(path)) {
                throw new ConfigurationException(setting.name() + " must name a directory, but '" + value
                        + "' is a file");
            }
            return path;
        } catch (java.nio.file.InvalidPathException bad) {
            throw new ConfigurationException(setting.name() + " is not a valid path: '" + value + "'");
        }
    }
}
