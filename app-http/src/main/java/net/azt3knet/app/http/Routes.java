package net.azt3knet.app.http;

import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The API's routes as declared: what the server registers and what the OpenAPI test compares with the document. */
final class Routes {

    record Route(String method, String path, Access.Level level, Handler handler) {

        /** Whether {@code requestPath} is this route's path, a {@code {name}} standing for one segment. */
        boolean matches(String requestPath) {
            String[] parts = path.split("\\{[^/}]+}", -1);
            StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
            // a parameter never holds ':', which starts an action ({id}:hold), so an action's path is not also the resource's
            for (int i = 1; i < parts.length; i++) regex.append("[^/:]+").append(Pattern.quote(parts[i]));
            String p = requestPath.length() > 1 && requestPath.endsWith("/") ? requestPath.substring(0, requestPath.length() - 1)
                    : requestPath; // the server ignores trailing slashes
            return Pattern.matches(regex.toString(), p);
        }
    }

    private final List<Route> all = new ArrayList<>();

    void get(String path, Access.Level level, Handler handler) {
        all.add(new Route("GET", path, level, handler));
    }

    void post(String path, Access.Level level, Handler handler) {
        all.add(new Route("POST", path, level, handler));
    }

    void put(String path, Access.Level level, Handler handler) {
        all.add(new Route("PUT", path, level, handler));
    }

    void delete(String path, Access.Level level, Handler handler) {
        all.add(new Route("DELETE", path, level, handler));
    }

    /** The methods the routes answer on {@code requestPath} (HEAD wherever GET is), for a 405's Allow header. */
    static Set<String> allowed(List<Route> routes, String requestPath) {
        Set<String> methods = new LinkedHashSet<>();
        for (Route r : routes) {
            if (!r.matches(requestPath)) continue;
            methods.add(r.method());
            if (r.method().equals("GET")) methods.add("HEAD");
        }
        return methods;
    }

    List<Route> all() {
        return List.copyOf(all);
    }
}
