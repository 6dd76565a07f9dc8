package io.croupier.localstack;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything written to standard output and error from now on, kept as well as passed through. Every log line of the
 * broker, the database and the services ends up here: their console appenders write to whatever {@code System.out}
 * is at the time of each line, even after Spring Boot reconfigures logging for the next service.
 */
final class ConsoleCapture implements AutoCloseable {

    private final PrintStream originalOut = System.out;

    private final PrintStream originalErr = System.err;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private ConsoleCapture() {
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
    }

    static ConsoleCapture start() {
        return new ConsoleCapture();
    }

    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private final class Tee extends OutputStream {

        private final OutputStream passedTo;

        Tee(OutputStream passedTo) {
            this.passedTo = passedTo;
        }

        @Override
        public void write(int b) {
            synchronized (captured) {
                captured.write(b);
            }
            passThrough(() -> passedTo.write(b));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (captured) {
                captured.write(bytes, offset, length);
            }
            passThrough(() -> passedTo.write(bytes, offset, length));
        }

        @Override
        public void flush() {
            passThrough(passedTo::flush);
        }

        private void passThrough(IoAction action) {
            try {
                action.run();
            }
            catch (java.io.IOException e) {
                // The test's own console failing must not fail the services writing to it.
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws java.io.IOException;
    }
}
