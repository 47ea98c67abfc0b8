package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.helperscripts.telemetry.pocketbase.testserver.FilterExpression.Comparison;
import org.helperscripts.telemetry.pocketbase.testserver.FilterExpression.Junction;
import org.helperscripts.telemetry.pocketbase.testserver.FilterToken.Kind;

/**
 * Recursive descent over the filter grammar. {@code &&} binds tighter than {@code ||}, which is
 * what PocketBase gets by handing its flat list of joins to SQL:
 * <pre>
 * expression  = conjunction { "||" conjunction }
 * conjunction = term { "&amp;&amp;" term }
 * term        = "(" expression ")" | operand sign operand
 * operand     = identifier | text | number
 * </pre>
 */
final class FilterParser {

    private final List<FilterToken> tokens;
    private int next;

    private FilterParser(List<FilterToken> tokens) {
        this.tokens = tokens;
    }

    static FilterExpression parse(String filter) {
        FilterParser parser = new FilterParser(FilterLexer.tokenize(filter));
        if (parser.peek().is(Kind.END)) {
            throw new FilterException("empty filter expression");
        }
        FilterExpression expression = parser.expression();
        if (!parser.peek().is(Kind.END)) {
            throw new FilterException("expected && or ||, got " + parser.peek().text());
        }
        return expression;
    }

    private FilterExpression expression() {
        return joined("||", false, this::conjunction);
    }

    private FilterExpression conjunction() {
        return joined("&&", true, this::term);
    }

    private FilterExpression joined(String join, boolean and, Supplier<FilterExpression> part) {
        List<FilterExpression> parts = new ArrayList<>();
        parts.add(part.get());
        while (peek().is(Kind.JOIN) && peek().text().equals(join)) {
            next++;
            parts.add(part.get());
        }
        return parts.size() == 1 ? parts.get(0) : new Junction(and, parts);
    }

    private FilterExpression term() {
        if (peek().is(Kind.OPEN)) {
            next++;
            FilterExpression inner = expression();
            expect(Kind.CLOSE, "missing closing bracket");
            return inner;
        }
        FilterToken left = operand("left");
        FilterToken sign = expect(Kind.SIGN, "expected a sign operator");
        FilterToken right = operand("right");
        return new Comparison(left, sign.text(), right);
    }

    private FilterToken operand(String side) {
        FilterToken token = peek();
        if (!token.isOperand()) {
            throw new FilterException("expected " + side + " operand, got '" + token.text() + "'");
        }
        next++;
        return token;
    }

    private FilterToken expect(Kind kind, String complaint) {
        FilterToken token = peek();
        if (!token.is(kind)) {
            throw new FilterException(complaint + ", got '" + token.text() + "'");
        }
        next++;
        return token;
    }

    private FilterToken peek() {
        return tokens.get(next);
    }
}
