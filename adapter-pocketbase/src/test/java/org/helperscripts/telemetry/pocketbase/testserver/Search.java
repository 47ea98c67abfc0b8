package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs one list request against a table or view: the rule condition (if any) AND the client's
 * filter, the client's sort (no implicit order, as in PocketBase), then the page and the total.
 */
final class Search {

    private final Database database;
    private final Clock clock;

    Search(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** One page of rows; a bad filter, sort or query fails with PocketBase's generic 400. */
    Page run(String table, OperandResolver resolver, SqlFragment ruleCondition, SearchRequest request) {
        try {
            SqlFragment.Builder where = new SqlFragment.Builder().sql(" WHERE 1=1");
            if (ruleCondition != null) {
                where.sql(" AND ").fragment(ruleCondition);
            }
            if (!request.filter().isEmpty()) {
                if (request.filter().length() > SearchRequest.MAX_FILTER_LENGTH) {
                    throw new FilterException("max filter length limit reached");
                }
                where.sql(" AND (").fragment(new FilterCompiler(resolver, clock).compile(request.filter())).sql(")");
            }
            SqlFragment condition = where.build();
            String order = orderBy(table, resolver, request.sort());
            int offset = (request.page() - 1) * request.perPage();
            List<Map<String, Object>> rows = database.query(new SqlFragment.Builder()
                    .sql("SELECT * FROM " + table).fragment(condition).sql(order)
                    .sql(" LIMIT ").param(request.perPage()).sql(" OFFSET ").param(offset)
                    .build());
            long total = -1;
            long pages = -1;
            if (!request.skipTotal()) {
                total = database.count(new SqlFragment.Builder()
                        .sql("SELECT COUNT(*) FROM " + table).fragment(condition).build());
                pages = (total + request.perPage() - 1) / request.perPage();
            }
            return new Page(request.page(), request.perPage(), total, pages, rows);
        } catch (FilterException | Database.DatabaseException unusable) {
            throw ApiError.generic();
        }
    }

    private static String orderBy(String table, OperandResolver resolver, List<String> sort) {
        if (sort.isEmpty()) {
            return "";
        }
        if (sort.size() > SearchRequest.MAX_SORT_FIELDS) {
            throw new FilterException("max sort expressions limit reached");
        }
        StringBuilder order = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < sort.size(); i++) {
            String field = sort.get(i);
            String direction = field.startsWith("-") ? "DESC" : "ASC";
            String name = field.startsWith("-") || field.startsWith("+") ? field.substring(1) : field;
            order.append(i == 0 ? "" : ", ").append(sortExpression(table, resolver, name, direction));
        }
        return order.toString();
    }

    private static String sortExpression(String table, OperandResolver resolver, String name, String direction) {
        if (name.equals("@random")) {
            return "RANDOM()";
        }
        if (name.equals("@rowid")) {
            return table + "._rowid_ " + direction;
        }
        ResolvedOperand column = resolver.resolve(name)
                .filter(resolved -> resolved.params().isEmpty() && !resolved.isEmptyIdentifier())
                .orElseThrow(() -> new FilterException("invalid sort field " + name));
        return column.sql() + " " + direction;
    }

    /** One page of a list answer; totals are -1 when the count was skipped. */
    record Page(int page, int perPage, long totalItems, long totalPages, List<Map<String, Object>> rows) {

        ObjectNode toJson(List<ObjectNode> items) {
            ObjectNode json = Json.object();
            json.put("page", page);
            json.put("perPage", perPage);
            json.put("totalItems", totalItems);
            json.put("totalPages", totalPages);
            ArrayNode array = json.putArray("items");
            items.forEach(array::add);
            return json;
        }
    }
}
