package org.helperscripts.telemetry.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;

/**
 * The dashboard page at {@code /}: its HTML, script and style from this jar's {@code dashboard}
 * resources, Chart.js from its webjar under {@code /webjars}. Everything comes from the service
 * itself, so the page works under a Content-Security-Policy that allows only 'self'.
 */
final class DashboardPage {

    private static final String RESOURCES = "/dashboard";

    private DashboardPage() {
    }

    static void serve(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = RESOURCES;
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        config.routes.get("/dashboard", ctx -> {
            String query = ctx.queryString();
            ctx.redirect(query == null || query.isEmpty() ? "/" : "/?" + query, HttpStatus.FOUND);
        });
    }
}
