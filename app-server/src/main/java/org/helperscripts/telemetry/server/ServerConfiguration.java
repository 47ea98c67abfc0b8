package org.helperscripts.telemetry.server;

import java.nio.file.Path;
import java.util.Map;

/** Every setting of the server, read and checked once at start. */
record ServerConfiguration(ListenAddress listen, int maxBodyBytes, boolean requestLogging, Path dataDir,
                           int errorMaxLength) {

    static ServerConfiguration read(Map<String, String> variables) {
        Environment env = new Environment(variables);
        return new ServerConfiguration(
                env.listenAddress(Setting.LISTEN_ADDR),
                env.wholeNumber(Setting.MAX_BODY_BYTES, 1_024, 1_048_576),
                env.flag(Setting.ENABLE_REQUEST_LOGGING),
                env.directory(Setting.DATA_DIR),
                env.wholeNumber(Setting.ERROR_MAX_LENGTH, 1, 1_024));
    }
}
