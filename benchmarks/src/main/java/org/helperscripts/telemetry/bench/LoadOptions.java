package org.helperscripts.telemetry.bench;

import java.nio.file.Path;

/** The command line of {@link IngestionLoad}. */
record LoadOptions(TargetUrl target, int connections, int seconds, int warmUpSeconds,
                   boolean newConnectionPerRequest, Path acceptedOut) {

    static final String USAGE = """
            usage: java -jar benchmarks.jar --url http://127.0.0.1:8080/telemetry [options]
              --url URL                      where to POST the reports (plain http)
              --connections N                concurrent clients, each with its own socket (default 64)
              --seconds N                    measured duration (default 30)
              --warmup N                     seconds of load before measuring, not counted (default 5)
              --new-connection-per-request   open a socket per request, as curl from bash does
              --accepted-out FILE            write the run keys that got a 202, one a line""";

    static LoadOptions parse(String[] args) {
        String url = "http://127.0.0.1:8080/telemetry";
        int connections = 64;
        int seconds = 30;
        int warmUp = 5;
        boolean newConnectionPerRequest = false;
        Path acceptedOut = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = value(args, ++i);
                case "--connections" -> connections = number(args, ++i, 1, 10_000);
                case "--seconds" -> seconds = number(args, ++i, 1, 86_400);
                case "--warmup" -> warmUp = number(args, ++i, 0, 3_600);
                case "--new-connection-per-request" -> newConnectionPerRequest = true;
                case "--accepted-out" -> acceptedOut = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new LoadOptions(TargetUrl.parse(url), connections, seconds, warmUp, newConnectionPerRequest, acceptedOut);
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private static int number(String[] args, int index, int min, int max) {
        String text = value(args, index);
        try {
            int number = Integer.parseInt(text);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException(args[index - 1] + " must be a whole number from " + min + " to " + max
                + ", not " + text);
    }
}
