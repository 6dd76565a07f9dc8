package io.croupier.postback.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Ranks where the intake benchmark's CPU goes, from a JFR recording of it: the execution samples of the measured
 * window (the last {@code seconds} before the request threads' last sample), first by thread (service, broker, load
 * generator), then the request threads' samples by the layer they are in, innermost first: a sample inside the
 * offer look-up counts there, not in the dispatcher or the filters around it. Not a test; run with the JDK alone:
 * {@code java postback-service/src/test/java/io/croupier/postback/benchmark/IntakeProfile.java <recording.jfr> [seconds]}.
 */
final class IntakeProfile {

    /** Innermost first: the first marker found anywhere in a sample's stack names its layer. */
    private static final List<Map.Entry<String, String>> LAYERS = List.of(
            Map.entry("offer look-up: HMAC of the key", "SecretDigest."),
            Map.entry("offer look-up: SQL", "OfferReplica.findBy"),
            Map.entry("inbound policy look-up: SQL", "InboundPolicies.find"),
            Map.entry("reading the call (parameters, body)", "InboundCall.read"),
            Map.entry("group commit: the batch's transaction (SQL, Avro, commit)", "GroupCommitter.commit"),
            Map.entry("group commit: queue, turns, wake-ups", "GroupCommitter."),
            Map.entry("seed 004 interpretation (fields, event)", "PartnerPostbackController."),
            Map.entry("answer: socket flush", "ServletServerHttpResponse.flush"),
            Map.entry("answer: converter choice and Jackson",
                    "HandlerMethodReturnValueHandlerComposite.handleReturnValue"),
            Map.entry("argument resolution", "InvocableHandlerMethod.getMethodArgumentValues"),
            Map.entry("request mapping", "DispatcherServlet.getHandler"),
            Map.entry("dispatcher, other (DispatcherServlet, FrameworkServlet)", "FrameworkServlet.service"),
            Map.entry("Spring Security chain (its filters, their observations, the servlet filters after it)",
                    "FilterChainProxy.doFilter"),
            Map.entry("http.server.requests observation", "ServerHttpObservationFilter.doFilterInternal"),
            Map.entry("other servlet filters", "ApplicationFilterChain"),
            Map.entry("Tomcat outside the filters: HTTP parsing, sockets", ""));

    public static void main(String[] args) throws IOException {
        Path recording = Path.of(args[0]);
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 30;
        Instant[] last = { Instant.EPOCH };
        samples(recording, sample -> {
            if (isRequestThread(sample) && sample.getStartTime().isAfter(last[0])) {
                last[0] = sample.getStartTime();
            }
        });
        Instant from = last[0].minusSeconds(seconds);
        Map<String, Integer> threads = new TreeMap<>();
        Map<String, Integer> layers = new LinkedHashMap<>();
        LAYERS.forEach(layer -> layers.put(layer.getKey(), 0));
        samples(recording, sample -> {
            if (sample.getStartTime().isBefore(from) || sample.getStartTime().isAfter(last[0])) {
                return;
            }
            threads.merge(threadGroup(sample.getThread("sampledThread")), 1, Integer::sum);
            if (isRequestThread(sample) && sample.getStackTrace() != null) {
                StringBuilder stack = new StringBuilder();
                for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
                    stack.append(frame.getMethod().getType().getName()).append('.')
                        .append(frame.getMethod().getName()).append('\n');
                }
                LAYERS.stream().filter(layer -> stack.indexOf(layer.getValue()) >= 0).findFirst()
                    .ifPresent(layer -> layers.merge(layer.getKey(), 1, Integer::sum));
            }
        });
        print("execution samples by thread, " + from + " to " + last[0], threads);
        print("request threads' samples by layer", layers);
    }

    private static void samples(Path recording, Consumer<RecordedEvent> each) throws IOException {
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    each.accept(event);
                }
            }
        }
    }

    private static boolean isRequestThread(RecordedEvent sample) {
        return threadGroup(sample.getThread("sampledThread")).startsWith("service: request threads");
    }

    private static String threadGroup(RecordedThread thread) {
        String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
        if (name.startsWith("http-nio")) {
            return name.contains("exec") ? "service: request threads (http-nio-*-exec-*)" : "service: Tomcat poller";
        }
        if (name.startsWith("HttpClient") || name.startsWith("pool-")) {
            return "load generator (JDK HttpClient, 32 client threads)";
        }
        if (name.startsWith("outbox-relay") || name.startsWith("kafka-producer")) {
            return "service: outbox relay and its producer";
        }
        if (name.startsWith("test-recorder")) {
            return "test: the event recorder's consumer";
        }
        if (name.startsWith("data-plane") || name.startsWith("kafka-") || name.startsWith("broker-")
                || name.startsWith("quorum") || name.startsWith("executor-") || name.contains("ExpirationReaper")
                || name.contains("group-coordinator") || name.contains("raft")) {
            return "in-process Kafka broker";
        }
        return "other";
    }

    private static void print(String title, Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("%n%s (%d samples):%n", title, total);
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .forEach(entry -> System.out.printf("  %5.1f %%  %6d  %s%n", 100.0 * entry.getValue() / total,
                    entry.getValue(), entry.getKey()));
    }

    private IntakeProfile() {
    }
}
