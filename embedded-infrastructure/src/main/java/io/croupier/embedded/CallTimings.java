package io.croupier.embedded;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * How long one call took, over many calls, for the benchmarks: the mean, the median and the 99th percentile of
 * {@code samples} calls timed after a quarter as many untimed warm-up calls.
 */
public record CallTimings(double meanMs, double medianMs, double p99Ms) {

    public static CallTimings of(int samples, IntConsumer call) {
        for (int i = 0; i < samples / 4; i++) {
            call.accept(i);
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return new CallTimings(Arrays.stream(nanos).average().orElseThrow() / 1e6, nanos[samples / 2] / 1e6,
                nanos[samples * 99 / 100] / 1e6);
    }

    @Override
    public String toString() {
        return "mean %.3f ms, median %.3f ms, p99 %.3f ms".formatted(meanMs, medianMs, p99Ms);
    }
}
