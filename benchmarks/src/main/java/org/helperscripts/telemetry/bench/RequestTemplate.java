package org.helperscripts.telemetry.bench;

import java.nio.charset.StandardCharsets;

/**
 * One complete HTTP request, head and body, serialised once before the clock starts. Sending it
 * costs a copy and two id writes: the ids have a fixed length, so Content-Length stays right.
 */
final class RequestTemplate {

    static final String RANDOM_ID_MARK = "R".repeat(RunId.TEXT_LENGTH);
    static final String EXECUTION_ID_MARK = "X".repeat(RunId.TEXT_LENGTH);

    private final byte[] bytes;
    private final int randomIdAt;
    private final int executionIdAt;

    private RequestTemplate(byte[] bytes, int randomIdAt, int executionIdAt) {
        this.bytes = bytes;
        this.randomIdAt = randomIdAt;
        this.executionIdAt = executionIdAt;
    }

    /**
     * A POST as curl sends it from the clients. {@code closeConnection} asks the server to close
     * after answering, so that a connection per request leaves no idle socket behind on either side.
     */
    static RequestTemplate post(TargetUrl target, String body, boolean closeConnection) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + target.requestTarget() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "User-Agent: curl/7.88.1\r\n"
                + "Accept: */*\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + (closeConnection ? "Connection: close\r\n" : "")
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return new RequestTemplate(request, find(request, RANDOM_ID_MARK), find(request, EXECUTION_ID_MARK));
    }

    int length() {
        return bytes.length;
    }

    /** Writes this request for one run into {@code buffer} and answers its length. */
    int writeTo(byte[] buffer, RunId randomId, RunId executionId) {
        System.arraycopy(bytes, 0, buffer, 0, bytes.length);
        randomId.writeAscii(buffer, randomIdAt);
        executionId.writeAscii(buffer, executionIdAt);
        return bytes.length;
    }

    private static int find(byte[] request, String mark) {
        byte[] needle = mark.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= request.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (request[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("the report body lacks the placeholder " + mark);
    }
}
