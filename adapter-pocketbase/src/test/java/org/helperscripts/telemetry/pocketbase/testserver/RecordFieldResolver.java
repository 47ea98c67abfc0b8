package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Resolves filter identifiers for one collection: its fields (hidden ones only where allowed),
 * {@code field:lower}, and the static request values {@code @request.auth.*}, {@code .body.*},
 * {@code .query.*}, {@code .headers.*}, {@code .method} and {@code .context}. Relation paths,
 * JSON paths and {@code @collection.*} joins are not supported and resolve to nothing.
 */
final class RecordFieldResolver implements OperandResolver {

    private static final Pattern FIELD = Pattern.compile("^\\w+[\\w.:]*$");
    private static final List<Pattern> REQUEST_PATHS = List.of(
            Pattern.compile("^@request\\.context$"),
            Pattern.compile("^@request\\.method$"),
            Pattern.compile("^@request\\.(auth|body|query|headers)\\.[\\w.:]*\\w+$"));

    private final CollectionDefinition collection;
    private final RuleContext request;
    private final boolean allowHidden;

    RecordFieldResolver(CollectionDefinition collection, RuleContext request, boolean allowHidden) {
        this.collection = collection;
        this.request = request;
        this.allowHidden = allowHidden;
    }

    @Override
    public Optional<ResolvedOperand> resolve(String identifier) {
        if (identifier.startsWith("@request.")) {
            return REQUEST_PATHS.stream().anyMatch(path -> path.matcher(identifier).matches())
                    ? requestValue(identifier.substring("@request.".length()))
                    : Optional.empty();
        }
        if (!FIELD.matcher(identifier).matches()) {
            return Optional.empty();
        }
        String[] nameAndModifier = identifier.split(":", -1);
        if (nameAndModifier.length > 2 || nameAndModifier[0].contains(".")) {
            return Optional.empty();
        }
        Optional<FieldDefinition> field = collection.field(nameAndModifier[0])
                .filter(found -> allowHidden || !found.hidden());
        if (field.isEmpty()) {
            return Optional.empty();
        }
        String column = field.get().column();
        if (nameAndModifier.length == 1) {
            return Optional.of(ResolvedOperand.keyword(column));
        }
        return "lower".equals(nameAndModifier[1])
                ? Optional.of(ResolvedOperand.keyword("LOWER(" + column + ")"))
                : Optional.empty();
    }

    private Optional<ResolvedOperand> requestValue(String path) {
        String[] modifierSplit = path.split(":", -1);
        if (modifierSplit.length > 2) {
            return Optional.empty();
        }
        String modifier = modifierSplit.length == 2 ? modifierSplit[1] : "";
        if (!modifier.isEmpty() && !modifier.equals("isset") && !modifier.equals("lower")) {
            return Optional.empty();
        }
        String[] keys = modifierSplit[0].split("\\.");
        Optional<JsonNode> found = lookup(keys);
        if (modifier.equals("isset")) {
            return Optional.of(ResolvedOperand.keyword(found.isPresent() ? "TRUE" : "FALSE"));
        }
        Object value = found.map(node -> sqlValue(node, keys[keys.length - 1])).orElse(null);
        if (value == null) {
            return Optional.of(ResolvedOperand.NULL);
        }
        ResolvedOperand bound = ResolvedOperand.value(value);
        return Optional.of(modifier.equals("lower") ? new ResolvedOperand("LOWER(?)", bound.params()) : bound);
    }

    private Optional<JsonNode> lookup(String[] keys) {
        JsonNode root = switch (keys[0]) {
            case "context" -> Json.NODES.textNode(request.context());
            case "method" -> Json.NODES.textNode(request.method());
            case "auth" -> request.auth() == null ? null : request.auth().export();
            case "body" -> request.body();
            case "query" -> Json.MAPPER.valueToTree(request.query());
            case "headers" -> Json.MAPPER.valueToTree(request.headers());
            default -> null;
        };
        JsonNode current = root;
        for (int i = 1; i < keys.length && current != null; i++) {
            current = current.isObject() ? current.get(keys[i]) : null;
        }
        return Optional.ofNullable(current);
    }

    /** A request value as SQL sees it; a numeric string sent for a number field counts as a number. */
    private Object sqlValue(JsonNode node, String key) {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            boolean numberField = collection.field(key).map(field -> field.type() == FieldType.NUMBER).orElse(false);
            if (numberField) {
                try {
                    return Double.parseDouble(node.textValue());
                } catch (NumberFormatException notNumeric) {
                    return node.textValue();
                }
            }
            return node.textValue();
        }
        return Json.text(node);
    }
}
