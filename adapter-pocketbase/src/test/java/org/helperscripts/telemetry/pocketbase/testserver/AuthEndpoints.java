package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code auth-with-password} and {@code auth-refresh}, with PocketBase's statuses and messages. */
final class AuthEndpoints {

    static final String TOKEN_REQUIRED = "The request requires valid record authorization token.";

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_LENGTH = 255;

    private final Database database;
    private final CollectionCatalog catalog;
    private final TokenAuthority tokens;

    AuthEndpoints(Database database, CollectionCatalog catalog, TokenAuthority tokens) {
        this.database = database;
        this.catalog = catalog;
        this.tokens = tokens;
    }

    ApiResponse authWithPassword(ApiRequest request) {
        CollectionDefinition collection = catalog.find(request.pathParam("collection"))
                .filter(CollectionDefinition::isAuth)
                .orElseThrow(() -> ApiError.notFound("Missing or invalid auth collection context."));
        ObjectNode body = request.jsonObject(() -> ApiError.badRequest("An error occurred while loading the submitted data."));
        String identity = text(body, "identity");
        String password = text(body, "password");
        String identityField = text(body, "identityField");
        FieldErrors invalid = new FieldErrors();
        checkLength(invalid, "identity", identity, true);
        checkLength(invalid, "password", password, true);
        checkLength(invalid, "identityField", identityField, false);
        if (!identityField.isEmpty() && !invalid.toJson().has("identityField")
                && !collection.identityFields().contains(identityField)) {
            invalid.add("identityField", "validation_in_invalid", "Must be a valid value.");
        }
        if (!invalid.isEmpty()) {
            throw ApiError.badRequest("An error occurred while validating the submitted data.", invalid);
        }
        Optional<Map<String, Object>> account = findAccount(collection, identityField, identity);
        if (account.isEmpty() || !PasswordHash.matches(password, RecordJson.text(account.get().get("password")))) {
            throw ApiError.badRequest("Failed to authenticate.");
        }
        Principal principal = new Principal(collection, account.get());
        return ApiResponse.ok(authAnswer(principal, tokens.issue(principal)));
    }

    ApiResponse authRefresh(ApiRequest request) {
        Principal principal = request.auth();
        if (principal == null) {
            throw ApiError.unauthorized(TOKEN_REQUIRED);
        }
        Optional<CollectionDefinition> collection = catalog.find(request.pathParam("collection"));
        if (collection.isEmpty() || !collection.get().id().equals(principal.collection().id())) {
            throw ApiError.forbidden("The request requires auth record from " + principal.collection().name() + " collection.");
        }
        String token = ApiRouter.token(request);
        boolean refreshable = tokens.claims(token).map(claims -> claims.path("refreshable").asBoolean()).orElse(false);
        return ApiResponse.ok(authAnswer(principal, refreshable ? tokens.issue(principal) : token));
    }

    private Optional<Map<String, Object>> findAccount(CollectionDefinition collection, String identityField, String identity) {
        List<String> fields = new ArrayList<>();
        if (!identityField.isEmpty()) {
            fields.add(identityField);
        } else {
            // PocketBase tries email first, and only when the identity looks like one
            collection.identityFields().stream().filter(field -> field.equals("email")).forEach(fields::add);
            collection.identityFields().stream().filter(field -> !field.equals("email")).forEach(fields::add);
            if (!EMAIL.matcher(identity).matches()) {
                fields.remove("email");
            }
        }
        for (String field : fields) {
            Optional<Map<String, Object>> row = database.queryOne(SqlFragment.of(
                    "SELECT * FROM " + collection.table() + " WHERE " + SqlFragment.quote(field) + " = ? LIMIT 1", identity));
            if (row.isPresent()) {
                return row;
            }
        }
        return Optional.empty();
    }

    private static ObjectNode authAnswer(Principal principal, String token) {
        RecordJson.Visibility visibility = principal.isSuperuser() ? RecordJson.Visibility.EVERYTHING : RecordJson.Visibility.OWNER;
        ObjectNode answer = Json.object();
        answer.set("record", RecordJson.export(principal.collection(), principal.row(), visibility));
        answer.put("token", token);
        return answer;
    }

    /** A string property; any other JSON type is a body PocketBase could not bind. */
    private static String text(ObjectNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest("An error occurred while loading the submitted data.");
        }
        return value.textValue();
    }

    private static void checkLength(FieldErrors invalid, String key, String value, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                invalid.required(key);
            }
        } else if (value.length() > MAX_LENGTH) {
            invalid.add(key, "validation_length_out_of_range", "The length must be between 1 and 255.",
                    Map.of("min", 1, "max", MAX_LENGTH));
        }
    }
}
