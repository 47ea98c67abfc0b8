package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code fields} query parameter: which top-level keys of a record to keep ({@code *} keeps
 * all), optionally with {@code :excerpt(max[,ellipsis])} on text values. Nested paths such as
 * {@code expand.x} have nothing to pick here and are ignored.
 */
final class FieldSelection {

    private static final Pattern EXCERPT = Pattern.compile("^(.+):excerpt\\(\\s*(\\d+)\\s*(?:,\\s*(\\w+)\\s*)?\\)$");
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    /** Key to its excerpt length (0 = no excerpt) and ellipsis flag. */
    private final Map<String, Excerpt> keys;
    private final Excerpt everyKey;

    private record Excerpt(int maxLength, boolean ellipsis) {
        static final Excerpt NONE = new Excerpt(0, false);
    }

    private FieldSelection(Map<String, Excerpt> keys, Excerpt everyKey) {
        this.keys = keys;
        this.everyKey = everyKey;
    }

    static FieldSelection parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Map<String, Excerpt> keys = new LinkedHashMap<>();
        Excerpt everyKey = null;
        for (String part : splitTopLevel(raw)) {
            String key = part.strip();
            Excerpt excerpt = Excerpt.NONE;
            Matcher matcher = EXCERPT.matcher(key);
            if (matcher.matches()) {
                key = matcher.group(1);
                excerpt = new Excerpt(Integer.parseInt(matcher.group(2)),
                        matcher.group(3) != null && Boolean.parseBoolean(matcher.group(3)));
            }
            if (key.equals("*")) {
                everyKey = excerpt;
            } else if (!key.isEmpty()) {
                keys.put(key, excerpt);
            }
        }
        return new FieldSelection(keys, everyKey);
    }

    ObjectNode apply(ObjectNode record) {
        ObjectNode picked = Json.object();
        Iterator<Map.Entry<String, JsonNode>> entries = record.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Excerpt excerpt = keys.containsKey(entry.getKey()) ? keys.get(entry.getKey()) : everyKey;
            if (excerpt != null) {
                picked.set(entry.getKey(), excerpt(entry.getValue(), excerpt));
            }
        }
        return picked;
    }

    private static JsonNode excerpt(JsonNode value, Excerpt excerpt) {
        if (excerpt.maxLength() == 0 || !value.isTextual()) {
            return value;
        }
        String plain = TAGS.matcher(value.textValue()).replaceAll(" ").replaceAll("\\s+", " ").strip();
        int[] codePoints = plain.codePoints().toArray();
        if (codePoints.length <= excerpt.maxLength()) {
            return Json.NODES.textNode(plain);
        }
        String cut = new String(codePoints, 0, excerpt.maxLength()).strip();
        return Json.NODES.textNode(excerpt.ellipsis() ? cut + "..." : cut);
    }

    /** Splits on commas that are not inside an excerpt's parentheses. */
    private static List<String> splitTopLevel(String raw) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            if (ch == ',' && depth == 0) {
                parts.add(raw.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(raw.substring(start));
        return parts;
    }
}
