package org.helperscripts.telemetry.pocketbase.testserver;

/** One token of a filter expression; {@code text} of a TEXT token is already unquoted. */
record FilterToken(Kind kind, String text) {

    enum Kind { IDENTIFIER, TEXT, NUMBER, SIGN, JOIN, OPEN, CLOSE, END }

    boolean is(Kind expected) {
        return kind == expected;
    }

    boolean isOperand() {
        return kind == Kind.IDENTIFIER || kind == Kind.TEXT || kind == Kind.NUMBER;
    }
}
