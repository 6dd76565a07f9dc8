package io.croupier.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A publisher's postback endpoint for the demo: it accepts whatever publisher-forwarder sends to
 * {@code /demo-publisher/postback} and lists it at {@code /demo-publisher/received}, so the end of the money path can
 * be seen in a browser.
 */
final class DemoPublisher implements AutoCloseable {

    static final String POSTBACK_PATH = "/demo-publisher/postback";

    static final String RECEIVED_PATH = "/demo-publisher/received";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;

    private final List<ReceivedPostback> received = new CopyOnWriteArrayList<>();

    private DemoPublisher(HttpServer server) {
        this.server = server;
    }

    static DemoPublisher start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            server.setExecutor(Executors.newFixedThreadPool(4));
            DemoPublisher publisher = new DemoPublisher(server);
            server.createContext(POSTBACK_PATH, publisher::receive);
            server.createContext(RECEIVED_PATH, publisher::list);
            server.start();
            return publisher;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String postbackUrl() {
        return "http://127.0.0.1:" + port() + POSTBACK_PATH;
    }

    List<ReceivedPostback> received() {
        return List.copyOf(received);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (name.toLowerCase().startsWith("webhook-") || name.equalsIgnoreCase("content-type")) {
                    headers.put(name.toLowerCase(), String.join(",", values));
                }
            });
            received.add(new ReceivedPostback(Instant.now(), exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(), headers,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            respond(exchange, "{\"status\":\"ok\"}");
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new ArrayList<>(received)));
        }
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One postback as the publisher saw it. */
    record ReceivedPostback(Instant receivedAt, String method, String uri, Map<String, String> headers, String body) {
    }
}
