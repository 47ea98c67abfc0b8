package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.helperscripts.telemetry.pocketbase.testserver.FilterToken.Kind;

/**
 * Splits a filter into tokens with the rules of PocketBase's parser (fexpr). The rules that matter
 * to clients: a quoted text ends at the first matching quote not directly preceded by a backslash,
 * and afterwards only {@code \'} (or {@code \"}) turns back into the bare quote; every other
 * backslash stays as it is. Numbers have no exponent. Whitespace is space, tab and newline only.
 */
final class FilterLexer {

    private static final Set<String> SIGNS = Set.of(
            "=", "!=", "~", "!~", "<", "<=", ">", ">=", "?=", "?!=", "?~", "?!~", "?<", "?<=", "?>", "?>=");

    private final String input;
    private int position;

    private FilterLexer(String input) {
        this.input = input;
    }

    static List<FilterToken> tokenize(String input) {
        FilterLexer lexer = new FilterLexer(input);
        List<FilterToken> tokens = new ArrayList<>();
        FilterToken token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (!token.is(Kind.END));
        return tokens;
    }

    private FilterToken next() {
        skipWhitespaceAndComments();
        if (position >= input.length()) {
            return new FilterToken(Kind.END, "");
        }
        char ch = input.charAt(position);
        if (ch == '(') {
            position++;
            return new FilterToken(Kind.OPEN, "(");
        }
        if (ch == ')') {
            position++;
            return new FilterToken(Kind.CLOSE, ")");
        }
        if (isIdentifierStart(ch)) {
            return identifier();
        }
        if (ch == '-' || isDigit(ch)) {
            return number();
        }
        if (ch == '\'' || ch == '"') {
            return text(ch);
        }
        if ("=?!<>~".indexOf(ch) >= 0) {
            return run(Kind.SIGN, "=?!<>~", SIGNS);
        }
        if (ch == '&' || ch == '|') {
            return run(Kind.JOIN, "&|", Set.of("&&", "||"));
        }
        throw new FilterException("unexpected character '" + ch + "' at " + position);
    }

    private void skipWhitespaceAndComments() {
        while (position < input.length()) {
            char ch = input.charAt(position);
            if (ch == ' ' || ch == '\t' || ch == '\n') {
                position++;
            } else if (ch == '/') {
                if (position + 1 >= input.length() || input.charAt(position + 1) != '/') {
                    throw new FilterException("invalid comment at " + position);
                }
                int end = input.indexOf('\n', position);
                position = end < 0 ? input.length() : end + 1;
            } else {
                return;
            }
        }
    }

    private FilterToken identifier() {
        int start = position++;
        while (position < input.length()) {
            char ch = input.charAt(position);
            if (ch == '(') {
                throw new FilterException("filter functions are not supported by the test server: "
                        + input.substring(start, position));
            }
            if (!isLetter(ch) && !isDigit(ch) && ch != '_' && ch != '.' && ch != ':') {
                break;
            }
            position++;
        }
        String literal = input.substring(start, position);
        char last = literal.charAt(literal.length() - 1);
        boolean onlySpecialStart = literal.length() == 1 && "@_#".indexOf(literal.charAt(0)) >= 0;
        if (last == '.' || last == ':' || onlySpecialStart) {
            throw new FilterException("invalid identifier " + literal);
        }
        return new FilterToken(Kind.IDENTIFIER, literal);
    }

    private FilterToken number() {
        int start = position;
        boolean hadDot = false;
        while (position < input.length()) {
            char ch = input.charAt(position);
            boolean leadingMinus = ch == '-' && position == start;
            boolean firstDot = ch == '.' && !hadDot;
            if (!isDigit(ch) && !leadingMinus && !firstDot) {
                break;
            }
            hadDot |= ch == '.';
            position++;
        }
        String literal = input.substring(start, position);
        if (literal.equals("-") || literal.endsWith(".")) {
            throw new FilterException("invalid number " + literal);
        }
        return new FilterToken(Kind.NUMBER, literal);
    }

    private FilterToken text(char quote) {
        int start = position++;
        char previous = 0;
        while (position < input.length()) {
            char ch = input.charAt(position++);
            if (ch == quote && previous != '\\') {
                String body = input.substring(start + 1, position - 1);
                return new FilterToken(Kind.TEXT, body.replace("\\" + quote, String.valueOf(quote)));
            }
            previous = ch;
        }
        throw new FilterException("unterminated text starting at " + start);
    }

    private FilterToken run(Kind kind, String alphabet, Set<String> valid) {
        int start = position;
        while (position < input.length() && alphabet.indexOf(input.charAt(position)) >= 0) {
            position++;
        }
        String literal = input.substring(start, position);
        if (!valid.contains(literal)) {
            throw new FilterException("invalid operator " + literal);
        }
        return new FilterToken(kind, literal);
    }

    private static boolean isIdentifierStart(char ch) {
        return isLetter(ch) || ch == '@' || ch == '_' || ch == '#';
    }

    private static boolean isLetter(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }
}
