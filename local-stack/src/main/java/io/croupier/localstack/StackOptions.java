package io.croupier.localstack;

import java.nio.file.Path;

/**
 * The command line of the local stack.
 *
 * @param dataDirectory where Kafka and PostgreSQL keep their data between runs
 * @param simulatedVisitors visitors to simulate once the stack is up; 0 for none
 * @param exitAfterSimulation stop once the simulation's summary is printed, for scripts
 * @param frontDoorAddress the address the front door listens on: loopback, unless other machines are meant to reach it
 */
record StackOptions(Path dataDirectory, int simulatedVisitors, boolean exitAfterSimulation, String frontDoorAddress) {

    static final int KAFKA_PORT = 9092;

    static final int POSTGRES_PORT = 5433;

    static final int DEMO_PUBLISHER_PORT = 8090;

    /** Seed 002's gaming backend served on 8000. */
    static final int SEED_002_PORT = 8000;

    /** The offer router seed serves on 5000, the tracker seed on 8080, seed 002 on 8000; the front door on all. */
    static final int[] FRONT_DOOR_PORTS = { 8080, 5000, SEED_002_PORT };

    static final String LOOPBACK = "127.0.0.1";

    private static final int DEFAULT_VISITORS = 200;

    static StackOptions parse(String[] args) {
        Path dataDirectory = Path.of(".croupier");
        int visitors = 0;
        boolean exit = false;
        String frontDoorAddress = LOOPBACK;
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
            else if (arg.startsWith("--front-door-address=")) {
                frontDoorAddress = arg.substring("--front-door-address=".length());
            }
            else {
                throw new IllegalArgumentException("unknown option " + arg + " (options: --data-dir=PATH, "
                        + "--simulate[=VISITORS], --exit-after-simulation, --front-door-address=ADDRESS)");
            }
        }
        return new StackOptions(dataDirectory.toAbsolutePath(), visitors, exit, frontDoorAddress);
    }
}
