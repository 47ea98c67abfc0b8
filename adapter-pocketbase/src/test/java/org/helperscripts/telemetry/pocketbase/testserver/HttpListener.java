package org.helperscripts.telemetry.pocketbase.testserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The HTTP side: Javalin on 127.0.0.1 taking every request into one handler, which counts it,
 * applies the planned faults and hands it to the {@link ApiRouter}. Stopping it closes the port
 * (clients get "connection refused"); starting it again binds the same port.
 */
final class HttpListener {

    private static final String HOST = "127.0.0.1";
    /** No graceful stop: an outage drops open connections at once, as a crashed server would. */
    private static final long STOP_TIMEOUT_MILLIS = 0;

    private final ApiRouter router;
    private final FaultInjection faults;
    private final RequestLog requests;
    private Javalin app;

    HttpListener(ApiRouter router, FaultInjection faults, RequestLog requests) {
        this.router = router;
        this.faults = faults;
        this.requests = requests;
    }

    /** Binds {@code port} (0 = any free one) and returns the port bound. */
    synchronized int start(int port) {
        if (app != null) {
            throw new IllegalStateException("already listening on " + app.port());
        }
        Javalin created = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = HOST;
            config.jetty.port = port;
            config.jetty.modifyServer(server -> server.setStopTimeout(STOP_TIMEOUT_MILLIS));
            config.routes.get("/*", this::serve);
            config.routes.post("/*", this::serve);
            config.routes.put("/*", this::serve);
            config.routes.patch("/*", this::serve);
            config.routes.delete("/*", this::serve);
        });
        created.start();
        app = created;
        return created.port();
    }

    synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    synchronized boolean isListening() {
        return app != null;
    }

    private void serve(Context ctx) {
        String method = ctx.method().name();
        String path = ctx.path();
        Optional<Endpoint.Route> route = Endpoint.route(method, path);
        Endpoint endpoint = route.map(Endpoint.Route::endpoint).orElse(null);
        // Read before a planned failure too, as PocketBase reads every request: answering while
        // the body is still unread lets Jetty close the connection, which the client sees as a
        // network error and retries, so the planned failure would reach nobody.
        ApiRequest request = request(ctx, method, path);
        faults.delay();
        ApiResponse response = faults.takeFailure(endpoint)
                .map(ApiResponse::of)
                .orElseGet(() -> router.dispatch(route, request));
        String collection = route.map(found -> found.params().get("collection")).orElse(null);
        requests.record(new RecordedRequest(method, path, endpoint, collection, response.status()));
        ctx.status(response.status());
        if (response.body() != null) {
            ctx.contentType("application/json");
            ctx.result(Json.bytes(response.body()));
        }
    }

    private static ApiRequest request(Context ctx, String method, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        Map<String, List<String>> query = new LinkedHashMap<>(ctx.queryParamMap());
        return new ApiRequest(method, path, Map.of(), query, headers, ctx.bodyAsBytes(), null, ApiRequest.DEFAULT_CONTEXT);
    }
}
