package net.azt3knet.app.http;

import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** The API's routes as declared: what the server registers and what the OpenAPI test compares with the document. */
final class Routes {

    record Route(String method, String path, Access.Level level, Handler handler) {
    }

    private final List<Route> all = new ArrayList<>();

    void get(String path, Access.Level level, Handler handler) {
        all.add(new Route("GET", path, level, handler));
    }

    void post(String path, Access.Level level, Handler handler) {
        all.add(new Route("POST", path, level, handler));
    }

    void delete(String path, Access.Level level, Handler handler) {
        all.add(new Route("DELETE", path, level, handler));
    }

    List<Route> all() {
        return List.copyOf(all);
    }
}
