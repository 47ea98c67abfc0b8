package org.helperscripts.telemetry.ports.service;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.helperscripts.telemetry.ports.out.Mail;
import org.helperscripts.telemetry.ports.out.MailNotSentException;
import org.helperscripts.telemetry.ports.out.MailSender;

/** Keeps every mail it is given; can be told to fail the next few sends as a real sender would. */
final class RecordingMailSender implements MailSender {

    static final String FAILURE = "mail not sent via smtp.example.org:587 after 3 attempts: connection refused";

    private final List<Mail> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    void failNext(int sends) {
        failuresLeft.set(sends);
    }

    List<Mail> sent() {
        return List.copyOf(sent);
    }

    Mail only() {
        if (sent.size() != 1) {
            throw new AssertionError("expected one mail, got " + sent.size());
        }
        return sent.get(0);
    }

    @Override
    public void send(Mail mail) {
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new MailNotSentException(FAILURE, new IOException("connection refused"));
        }
        sent.add(mail);
    }
}
