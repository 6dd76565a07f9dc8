package io.croupier.localstack;

import java.nio.file.Path;

/**
 * The command line of the local stack.
 *
 * @param dataDirectory where Kafka and PostgreSQL keep their data between runs
 * @param simulatedVisitors visitors to simulate once the stack is up; 0 for none
 * @param exitAfterSimulation stop once the simulation's summary is printed, for scripts
 */
record StackOptions(Path dataDirectory, int simulatedVisitors, boolean exitAfterSimulation) {

    static final int KAFKA_PORT = 9092;

    static final int POSTGRES_PORT = 5433;

    static final int DEMO_PUBLISHER_PORT = 8090;

    /** Seed 002's gaming backend served on 8000. */
    static final int SEED_002_PORT = 8000;

    /** The offer router seed serves on 5000, the tracker seed on 8080, seed 002 on 8000; the front door on all. */
    static final int[] EDGE_PORTS = { 8080, 5000, SEED_002_PORT };

    private static final int DEFAULT_VISITORS = 200;

    static StackOptions parse(String[] args) {
        Path dataDirectory = Path.of(".croupier");
        int visitors = 0;
        boolean exit = false;
        for (String arg : args) {
            if (arg.startsWith("--data-dir=")) {
                dataDirectory = Path.of(arg.substring("--data-dir=".length()));
            }
            else if (arg.equals("--simulate")) {
                visitors = DEFAULT_VISITORS;
            }
            else if (arg.startsWith("--simulate=")) {
                visitors = Integer.parseInt(arg.substring("--simulate=".length()));
            }
            else if (arg.equals("--exit-after-simulation")) {
                exit = true;
            }
            else {
                throw new IllegalArgumentException("unknown option " + arg
                        + " (options: --data-dir=PATH, --simulate[=VISITORS], --exit-after-simulation)");
            }
        }
        return new StackOptions(dataDirectory.toAbsolutePath(), visitors, exit);
    }
}
