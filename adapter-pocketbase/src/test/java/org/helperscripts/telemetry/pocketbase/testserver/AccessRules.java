package org.helperscripts.telemetry.pocketbase.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The five API rules of a collection. {@code null} means superusers only, {@code ""} anyone, and
 * any other text is a filter the request (and for list, each row) must satisfy.
 */
record AccessRules(String list, String view, String create, String update, String delete) {

    enum Action {
        LIST("listRule"), VIEW("viewRule"), CREATE("createRule"), UPDATE("updateRule"), DELETE("deleteRule");

        private final String jsonKey;

        Action(String jsonKey) {
            this.jsonKey = jsonKey;
        }

        String jsonKey() {
            return jsonKey;
        }
    }

    static final AccessRules SUPERUSERS_ONLY = new AccessRules(null, null, null, null, null);

    String rule(Action action) {
        return switch (action) {
            case LIST -> list;
            case VIEW -> view;
            case CREATE -> create;
            case UPDATE -> update;
            case DELETE -> delete;
        };
    }

    AccessRules with(Action action, String rule) {
        return new AccessRules(
                action == Action.LIST ? rule : list,
                action == Action.VIEW ? rule : view,
                action == Action.CREATE ? rule : create,
                action == Action.UPDATE ? rule : update,
                action == Action.DELETE ? rule : delete);
    }

    static AccessRules fromJson(JsonNode json) {
        AccessRules rules = SUPERUSERS_ONLY;
        for (Action action : Action.values()) {
            JsonNode value = json.path(action.jsonKey());
            rules = rules.with(action, value.isTextual() ? value.asText() : null);
        }
        return rules;
    }

    void writeTo(ObjectNode json) {
        for (Action action : Action.values()) {
            String rule = rule(action);
            if (rule == null) {
                json.putNull(action.jsonKey());
            } else {
                json.put(action.jsonKey(), rule);
            }
        }
    }
}
