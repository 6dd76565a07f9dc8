package io.croupier.forwarder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real publisher endpoint on 127.0.0.2 (loopback, allowed explicitly by the test settings) that records every request
 * and answers from a script, then with a fallback reply.
 */
public final class PublisherReceiver implements AutoCloseable {

    public static final String HOST = "127.0.0.2";

    private final HttpServer server;

    private final ExecutorService executor = Executors.newCachedThreadPool();

    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();

    private final List<Received> requests = new CopyOnWriteArrayList<>();

    private volatile Reply fallback = Reply.status(200);

    private PublisherReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(HOST, 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static PublisherReceiver start() {
        try {
            return new PublisherReceiver();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String pathAndQuery) {
        return "http://" + HOST + ":" + server.getAddress().getPort() + pathAndQuery;
    }

    /** Answers the next request (after those already scripted) with {@code reply}. */
    public PublisherReceiver then(Reply reply) {
        script.add(reply);
        return this;
    }

    public PublisherReceiver always(Reply reply) {
        fallback = reply;
        return this;
    }

    public List<Received> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body, Instant.now()));
        Reply reply = script.poll();
        if (reply == null) {
            reply = fallback;
        }
        try {
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
        catch (InterruptedException | IOException gone) {
            // The forwarder gave up on this request (timeout); nothing to answer.
        }
        finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public record Reply(int status, Duration delay, Map<String, String> headers, String body) {

        public static Reply status(int status) {
            return new Reply(status, Duration.ZERO, Map.of(), "");
        }

        public Reply after(Duration delay) {
            return new Reply(status, delay, headers, body);
        }

        public Reply header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, delay, more, body);
        }

        public Reply body(String body) {
            return new Reply(status, delay, headers, body);
        }
    }

    public record Received(String method, URI uri, Map<String, String> headers, String body, Instant at) {

        /** Checks the Standard Webhooks signature the way a publisher would, independently of the forwarder's code. */
        public boolean signatureVerifies(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                        "HmacSHA256"));
                String signed = headers.get("webhook-id") + "." + headers.get("webhook-timestamp") + "." + body;
                String expected = "v1," + Base64.getEncoder()
                    .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
                return List.of(headers.getOrDefault("webhook-signature", "").split(" ")).contains(expected);
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public String query(String name) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                if (parts[0].equals(name)) {
                    return URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }
}
