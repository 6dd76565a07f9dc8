package io.croupier.localstack;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.croupier.frontdoor.Backend;
import io.croupier.frontdoor.FrontDoorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The compose deployment's front door, run in this JVM in front of the services of the running platform and the
 * operator console.
 */
final class FrontDoor implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private FrontDoor(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param address where to listen; loopback unless the stack was told otherwise
     * @param ports the first is the main port (0 for any free one), the others answer the same
     */
    static FrontDoor start(RunningPlatform platform, OperatorConsole console, String address, List<Integer> ports) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.address=" + address);
        arguments.add("--server.port=" + ports.get(0));
        arguments.add("--croupier.front-door.additional-ports=" + ports.stream()
            .skip(1)
            .map(String::valueOf)
            .collect(Collectors.joining(",")));
        for (PlatformService service : PlatformService.values()) {
            arguments.add("--croupier.front-door.backends." + service.backend().name() + "=" + platform.url(service));
        }
        arguments.add("--croupier.front-door.backends." + Backend.CONSOLE.name() + "=" + console.url());
        return new FrontDoor(new SpringApplicationBuilder(FrontDoorApplication.class)
            .registerShutdownHook(false)
            .run(arguments.toArray(String[]::new)));
    }

    /** Where this machine reaches it: its own address, or loopback when it listens on every address. */
    String url() {
        String address = context.getEnvironment().getRequiredProperty("server.address");
        String host;
        try {
            InetAddress bound = InetAddress.getByName(address);
            host = bound.isAnyLocalAddress() ? StackOptions.LOOPBACK
                    : bound instanceof Inet6Address ? "[" + bound.getHostAddress() + "]" : bound.getHostAddress();
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException("the front door listens on " + address + ", which does not resolve", e);
        }
        return "http://" + host + ":" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
