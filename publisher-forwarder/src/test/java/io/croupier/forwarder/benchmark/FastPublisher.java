package io.croupier.forwarder.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.croupier.forwarder.PublisherReceiver;

/**
 * A publisher as fast as a local one can be: it answers 200 at once and only notes when each {@code webhook-id} first
 * arrived and how often, so that tens of thousands of requests cost it next to nothing.
 */
final class FastPublisher implements AutoCloseable {

    private final HttpServer server;

    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();

    private final Map<String, Integer> arrivals = new ConcurrentHashMap<>();

    FastPublisher() throws IOException {
        server = HttpServer.create(new InetSocketAddress(PublisherReceiver.HOST, 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url(String pathAndQuery) {
        return "http://" + PublisherReceiver.HOST + ":" + server.getAddress().getPort() + pathAndQuery;
    }

    /** @return when (in {@link System#nanoTime()}) the delivery first arrived, or null */
    Long arrivedAt(String webhookId) {
        return firstArrival.get(webhookId);
    }

    int distinctDeliveries() {
        return firstArrival.size();
    }

    /** Deliveries that arrived more than once. */
    long repeated() {
        return arrivals.values().stream().filter(count -> count > 1).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        exchange.getRequestBody().readAllBytes();
        firstArrival.putIfAbsent(id, now);
        arrivals.merge(id, 1, Integer::sum);
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
