package io.croupier.click.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time from {@code /proc/stat}. On a virtual machine the hypervisor may hand the cores to other
 * guests ("steal"); a run that lost much CPU that way is not comparable with one that did not, so the benchmark
 * reports it next to its figures.
 */
record CpuTimes(long total, long steal) {

    static CpuTimes now() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user]
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new CpuTimes(total, fields.length > 8 ? Long.parseLong(fields[8]) : 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double stealPercentSince() {
        CpuTimes now = now();
        long elapsed = now.total - total;
        return elapsed == 0 ? 0 : 100.0 * (now.steal - steal) / elapsed;
    }
}
