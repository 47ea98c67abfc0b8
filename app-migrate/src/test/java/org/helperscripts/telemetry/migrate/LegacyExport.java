package org.helperscripts.telemetry.migrate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Records as the previous service exported them, generated: realistic script names, every
 * status spelling the old data holds, each ct_type, and now and then a record the domain must
 * refuse. Written as plain JSON or as MongoDB Extended JSON.
 */
final class LegacyExport {

    static final Instant FIRST_CREATED = Instant.parse("2024-03-01T00:00:00.250Z");

    /** Real script names, so nsapp has the lengths and spread of the real data. */
    private static final List<String> SCRIPTS = List.of("apache-cassandra", "calibre-web", "npmplus", "runtipi",
            "alpine-ironclaw", "alpine-node-red", "cosmos", "alpine-vaultwarden", "mongodb",
            "prometheus-blackbox-exporter", "alpine-redlib", "apt-cacher-ng", "unpackerr", "update-apps",
            "apache-tomcat", "alpine-komodo");
    private static final List<String> STATUSES = List.of("done", "failed", "installing", "sucess", "cancelled", "");
    private static final List<String> TYPES = List.of("lxc", "vm", "", "LXC");

    private LegacyExport() {
    }

    /** Every {@code rejectEvery}-th record breaks the contract (0: none does). */
    static List<Map<String, Object>> records(int count, int rejectEvery) {
        List<Map<String, Object>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(i, rejectEvery > 0 && i % rejectEvery == rejectEvery - 1));
        }
        return records;
    }

    static Map<String, Object> record(int i, boolean broken) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "rec-" + i);
        record.put("ct_type", i % 3);
        record.put("disk_size", broken ? 999_999 : 4 + i % 60);
        record.put("core_count", 1 + i % 8);
        record.put("ram_size", 512 * (1 + i % 16));
        record.put("os_type", List.of("debian", "ubuntu", "alpine").get(i % 3));
        record.put("os_version", List.of("12", "24.04", "3.20").get(i % 3));
        record.put("disableip6", i % 2 == 0 ? "yes" : "no");
        record.put("nsapp", i % 50 == 7 ? "" : SCRIPTS.get(i % SCRIPTS.size()));
        record.put("method", i % 4 == 0 ? "advanced" : "default");
        record.put("created_at", FIRST_CREATED.plusSeconds(3_600L * i).toString());
        record.put("pve_version", "8." + i % 4 + ".2");
        record.put("status", STATUSES.get(i % STATUSES.size()));
        record.put("random_id", runKey(i));
        record.put("type", TYPES.get(i % TYPES.size()));
        record.put("error", i % STATUSES.size() == 1 ? "apt-get failed to reach 192.168.1." + i % 250 + " (exit 100)" : "");
        return record;
    }

    static String runKey(int i) {
        return String.format("%08x-1111-4222-8333-%012x", i, (long) i * 7919);
    }

    static void writePlain(Path file, List<Map<String, Object>> records) {
        write(file, records, false);
    }

    /** As mongoexport writes it: _id/$oid, numbers as $numberLong, dates as $date, pveversion. */
    static void writeExtended(Path file, List<Map<String, Object>> records) {
        write(file, records, true);
    }

    static String plainJson(List<Map<String, Object>> records) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            writeArray(json, records, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(Path file, List<Map<String, Object>> records, boolean extended) {
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            writeArray(json, records, extended);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeArray(JsonGenerator json, List<Map<String, Object>> records, boolean extended)
            throws IOException {
        json.writeStartArray();
        int n = 0;
        for (Map<String, Object> record : records) {
            json.writeStartObject();
            for (Map.Entry<String, Object> field : record.entrySet()) {
                String name = field.getKey();
                Object value = field.getValue();
                if (!extended) {
                    json.writeObjectField(name, value);
                } else if (name.equals("id")) {
                    json.writeObjectFieldStart("_id");
                    json.writeStringField("$oid", String.format("%024x", n));
                    json.writeEndObject();
                } else if (value instanceof Integer number) {
                    json.writeObjectFieldStart(name);
                    json.writeStringField(n % 2 == 0 ? "$numberLong" : "$numberInt", number.toString());
                    json.writeEndObject();
                } else if (name.equals("created_at")) {
                    json.writeObjectFieldStart(name);
                    if (n % 2 == 0) {
                        json.writeStringField("$date", value.toString());
                    } else {
                        json.writeObjectFieldStart("$date");
                        json.writeStringField("$numberLong",
                                Long.toString(Instant.parse(value.toString()).toEpochMilli()));
                        json.writeEndObject();
                    }
                    json.writeEndObject();
                } else if (name.equals("pve_version")) {
                    json.writeObjectField("pveversion", value);
                } else if (name.equals("error") && "".equals(value)) {
                    json.writeNullField(name);
                } else {
                    json.writeObjectField(name, value);
                }
            }
            json.writeEndObject();
            n++;
        }
        json.writeEndArray();
    }
}
