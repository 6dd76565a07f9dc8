package io.croupier.localstack;

import io.croupier.console.ConsoleApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator console, run in this JVM on loopback; browsers reach it through the front door at {@code /console/},
 * the origin of the APIs it calls.
 */
final class OperatorConsole implements AutoCloseable {

    /** Next to the services' documented ports, as in compose. */
    static final int PORT = 8089;

    private final ConfigurableApplicationContext context;

    private OperatorConsole(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param port 0 for any free one
     * @param platform whose identity-service issues the tokens its meters want, as every service's do
     */
    static OperatorConsole start(int port, RunningPlatform platform) {
        return new OperatorConsole(new SpringApplicationBuilder(ConsoleApplication.class)
            .registerShutdownHook(false)
            .run("--server.address=" + StackOptions.LOOPBACK, "--server.port=" + port,
                    "--croupier.access.issuer=" + platform.url(PlatformService.IDENTITY)));
    }

    String url() {
        return "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
