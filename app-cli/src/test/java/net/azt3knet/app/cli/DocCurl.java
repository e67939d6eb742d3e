package net.azt3knet.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of curl that docs/api.md uses ({@code -s -S -H -d -X -o}), for {@link DocsApiExamplesIT}: the examples run
 * as written in bash on a machine without curl. Each call appends "status method url location" to the file named by
 * {@code DOCCURL_LOG}, so the test can check the answers and follow jobs. Any other option fails, so the docs cannot
 * use one that was never run.
 */
public final class DocCurl {

    private DocCurl() {
    }

    public static void main(String[] args) throws Exception {
        String method = null;
        String data = null;
        String url = null;
        Path out = null;
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-s", "-S", "-sS", "-Ss" -> { }
                case "-H" -> headers.add(args[++i]);
                case "-d" -> data = args[++i];
                case "-X" -> method = args[++i];
                case "-o" -> out = Path.of(args[++i]);
                default -> {
                    if (args[i].startsWith("-") || url != null) {
                        System.err.println("doccurl: unsupported argument '" + args[i] + "'");
                        System.exit(2);
                    }
                    url = args[i];
                }
            }
        }
        if (url == null) {
            System.err.println("doccurl: no URL");
            System.exit(2);
        }
        if (method == null) method = data == null ? "GET" : "POST";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .method(method, data == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(data));
        boolean contentType = false;
        for (String h : headers) {
            int colon = h.indexOf(':');
            request.header(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            contentType |= h.regionMatches(true, 0, "Content-Type", 0, 12);
        }
        if (data != null && !contentType) request.header("Content-Type", "application/x-www-form-urlencoded"); // as curl does
        HttpResponse<byte[]> response;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            System.err.println("doccurl: (7) " + e);
            System.exit(7);
            return;
        }
        try (OutputStream o = out == null ? System.out : Files.newOutputStream(out)) {
            o.write(response.body());
            o.flush();
        }
        String log = System.getenv("DOCCURL_LOG");
        if (log != null) {
            Files.writeString(Path.of(log), response.statusCode() + " " + method + " " + url + " "
                    + response.headers().firstValue("Location").orElse("-") + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
