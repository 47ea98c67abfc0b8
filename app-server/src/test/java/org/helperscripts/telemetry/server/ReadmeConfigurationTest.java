package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The README's configuration table is what ops read: it must list exactly what the server reads. */
class ReadmeConfigurationTest {

    @Test
    void theConfigurationTableListsExactlyTheSettingsTheServerReadsWithTheirDefaults() throws Exception {
        Map<String, String> documented = configurationTable(Path.of("..", "README.md"));

        Map<String, String> read = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            read.put(setting.name(), setting.defaultValue().isEmpty() ? "empty" : "`" + setting.defaultValue() + "`");
        }
        assertEquals(read.keySet(), documented.keySet());
        assertEquals(read, documented);
    }

    /** Variable to default column, from the rows between "## Configuration" and the next section. */
    private static Map<String, String> configurationTable(Path readme) throws Exception {
        assertTrue(Files.exists(readme), readme.toAbsolutePath() + " not found");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("## Configuration");
        int end = text.indexOf("\n## ", start + 1);
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : text.substring(start, end).split("\n")) {
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                rows.put(cells[1].trim().replace("`", ""), cells[2].trim());
            }
        }
        return rows;
    }
}
