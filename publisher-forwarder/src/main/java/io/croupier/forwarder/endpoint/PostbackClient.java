package io.croupier.forwarder.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.croupier.forwarder.ForwarderSettings;
import io.croupier.secrets.webhook.WebhookSignatures;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one signed postback and reports what happened; never throws for anything the publisher or the network does.
 * Redirects are not followed, nothing is retried here (the delivery schedule does that), and the whole exchange up to
 * the response status is bounded by the timeout, not only each socket read.
 */
public class PostbackClient implements AutoCloseable {

    private static final String USER_AGENT = "Croupier-Forwarder/1";

    private final CloseableHttpClient client;

    private final ScheduledExecutorService deadlines;

    private final Duration timeout;

    private final int excerptLength;

    private final Clock clock;

    public PostbackClient(SsrfPolicy policy, ForwarderSettings.Delivery settings, Clock clock) {
        this.timeout = settings.timeout();
        this.excerptLength = settings.responseExcerptLength();
        this.clock = clock;
        Timeout limit = Timeout.of(timeout);
        this.client = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(policy))
                .setMaxConnTotal(settings.workers())
                // The per-publisher limit is enforced when deliveries are claimed; publishers can share a host.
                .setMaxConnPerRoute(settings.workers())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                    .setConnectTimeout(limit)
                    .setSocketTimeout(limit)
                    .setTimeToLive(TimeValue.ofMinutes(5))
                    .build())
                .build())
            .setDefaultRequestConfig(RequestConfig.custom()
                .setResponseTimeout(limit)
                .setConnectionRequestTimeout(limit)
                .setRedirectsEnabled(false)
                .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .evictIdleConnections(TimeValue.ofSeconds(30))
            .setUserAgent(USER_AGENT)
            .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "postback-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    public PostbackResponse send(PostbackRequest request) {
        HttpUriRequestBase http = request.post() ? new HttpPost(request.uri()) : new HttpGet(request.uri());
        String body = request.post() ? request.jsonBody() : "";
        long timestamp = clock.instant().getEpochSecond();
        http.setHeader("webhook-id", request.messageId());
        http.setHeader("webhook-timestamp", Long.toString(timestamp));
        http.setHeader("webhook-signature", WebhookSignatures.sign(request.signingKey(), request.messageId(),
                timestamp, body.getBytes(StandardCharsets.UTF_8)));
        if (request.post()) {
            http.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        }
        long started = System.nanoTime();
        ScheduledFuture<?> deadline = deadlines.schedule(http::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, http, null)) {
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            return PostbackResponse.answered(response.getCode(), latency, excerpt(response.getEntity()),
                    retryAfter(response.getFirstHeader("Retry-After")));
        }
        catch (RefusedAddressException e) {
            return PostbackResponse.failed(AttemptOutcome.REFUSED_ADDRESS, since(started), e.getMessage());
        }
        catch (InterruptedIOException e) {
            // A socket timeout, or the deadline cancelling the exchange.
            return PostbackResponse.failed(AttemptOutcome.TIMED_OUT, since(started),
                    "no response within " + timeout + ": " + e);
        }
        catch (IOException | RuntimeException e) {
            if (http.isCancelled()) {
                return PostbackResponse.failed(AttemptOutcome.TIMED_OUT, since(started),
                        "no response within " + timeout);
            }
            return PostbackResponse.failed(AttemptOutcome.CONNECTION_FAILED, since(started), e.toString());
        }
        finally {
            deadline.cancel(false);
        }
    }

    /**
     * Reads at most the excerpt; a longer body is not drained, its connection is simply closed. A NUL, which PostgreSQL
     * text cannot hold, is logged as the replacement character, so the attempt can be recorded.
     */
    private String excerpt(HttpEntity entity) throws IOException {
        if (entity == null) {
            return null;
        }
        try (InputStream content = entity.getContent()) {
            byte[] bytes = content.readNBytes(excerptLength);
            return new String(bytes, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
        }
    }

    private Duration retryAfter(Header header) {
        if (header == null) {
            return null;
        }
        String value = header.getValue().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        }
        catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            }
            catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
