package org.helperscripts.telemetry.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server in a JVM of its own, as ops run it, with its output lines collected as they come. */
final class ServerProcess {

    static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ServerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the server with exactly {@code environment} as its settings, whatever the machine's environment holds. */
    static ServerProcess launch(Path tempDir, Map<String, String> environment, String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.sqlite.tmpdir=" + tempDir, TelemetryServer.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        for (Setting setting : Setting.values()) {
            builder.environment().remove(setting.name());
            builder.environment().remove(setting.name() + "_FILE");
        }
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start());
    }

    /** The first output line, from now on, that matches {@code wanted}; fails after 30 s without one. */
    String awaitLine(Pattern wanted) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (wanted.matcher(line).find()) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line matching " + wanted + " in:\n" + seen);
    }

    /** Waits for the start line and gives the port it names. */
    int awaitListeningPort() throws InterruptedException {
        Matcher port = LISTENING.matcher(awaitLine(LISTENING));
        if (!port.find()) {
            throw new AssertionError("no port in the start line");
        }
        return Integer.parseInt(port.group(1));
    }
}
