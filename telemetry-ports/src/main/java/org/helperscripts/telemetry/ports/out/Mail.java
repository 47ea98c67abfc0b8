package org.helperscripts.telemetry.ports.out;

import java.util.Objects;

/**
 * One mail to the maintainers, as plain text and as HTML with the same content.
 *
 * @param subject one line
 * @param text    the plain text part
 * @param html    the HTML part
 */
public record Mail(String subject, String text, String html) {

    public Mail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a subject is one line");
        }
    }
}
