package org.helperscripts.telemetry.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * Reads one report body into flat field values (String, Number, Boolean or null). A well-formed
 * body takes the fast path straight from the bytes; a body the strict parse rejects is decoded
 * leniently (invalid UTF-8 becomes U+FFFD), repaired ({@link BashJsonRepair}) and parsed once
 * more. Nested objects and lists are skipped and stand as an empty list, so the domain can name
 * the field that should have been a plain value.
 */
final class LenientJsonReader {

    /** A report is flat; anything deeper than a few levels is an attack or a broken client. */
    static final int MAX_NESTING_DEPTH = 16;

    private static final List<Object> NESTED_VALUE = List.of();

    private final JsonFactory json = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    /**
     * @throws UnreadableBodyException with a message that says what is wrong (never echoing the
     *     body)
     */
    Map<String, Object> read(byte[] body) {
        if (isBlank(body)) {
            throw new UnreadableBodyException("body is empty: send one JSON object");
        }
        if (!isStrictUtf8(body)) {
            return readRepaired(body);
        }
        try (JsonParser parser = json.createParser(body)) {
            return readObject(parser);
        } catch (UnreadableBodyException notAnObject) {
            throw notAnObject;
        } catch (StreamConstraintsException overLimit) {
            throw beyondConstraints(overLimit);
        } catch (IOException malformed) {
            return readRepaired(body);
        }
    }

    private Map<String, Object> readRepaired(byte[] body) {
        String repaired = BashJsonRepair.repair(decodeLeniently(body));
        try (JsonParser parser = json.createParser(repaired)) {
            return readObject(parser);
        } catch (StreamConstraintsException overLimit) {
            throw beyondConstraints(overLimit);
        } catch (JsonProcessingException malformed) {
            throw new UnreadableBodyException("body is not valid JSON" + where(malformed.getLocation()));
        } catch (IOException unreadable) {
            throw new UnreadableBodyException("body is not valid JSON");
        }
    }

    // Jackson throws one exception type for every read limit: depth, and the length of a number or a name.
    private static UnreadableBodyException beyondConstraints(StreamConstraintsException overLimit) {
        String limit = overLimit.getOriginalMessage();
        if (limit != null && limit.contains("nesting depth")) {
            return new UnreadableBodyException("body is nested too deeply: a report is one flat JSON object");
        }
        return new UnreadableBodyException("body has a number or a name too long to read: a report holds short values");
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new UnreadableBodyException("body must be a JSON object, not " + describe(first));
        }
        Map<String, Object> fields = new HashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            fields.put(name, valueOf(parser, value));
        }
        if (parser.nextToken() != null) {
            throw new UnreadableBodyException("body has more after its JSON object: send exactly one object");
        }
        return fields;
    }

    private static Object valueOf(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                parser.skipChildren();
                return NESTED_VALUE;
        }
    }

    private static String decodeLeniently(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException cannotHappenWithReplace) {
            throw new IllegalStateException(cannotHappenWithReplace);
        }
    }

    // Jackson decodes some invalid UTF-8 without complaint (overlong forms, code points past
    // U+10FFFF); the JDK's strict decoder refuses them, so such a body is decoded leniently instead.
    private static boolean isStrictUtf8(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
                    return true;
                } catch (java.nio.charset.CharacterCodingException invalid) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return "something else";
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
