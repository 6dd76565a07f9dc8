package io.croupier.runtime;

import org.springframework.boot.SpringApplication;

/** The runtime's test application in a process of its own, so that a test can kill it with SIGKILL. */
final class ConsumerProcess {

    public static void main(String[] args) {
        SpringApplication.run(EventRuntimeTestApplication.class, args);
    }

    private ConsumerProcess() {
    }
}
