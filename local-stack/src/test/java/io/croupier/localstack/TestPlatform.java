package io.croupier.localstack;

import java.util.List;

import io.croupier.embedded.InProcessKafka;
import io.croupier.embedded.InProcessPostgres;
import io.croupier.embedded.TestInfrastructure;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The eight services, the operator console, the front door and a demo publisher, started exactly as {@link LocalStack} starts them (on any
 * free ports instead of the documented ones) once for every test class of this module that asks for it with
 * {@code @ExtendWith(TestPlatform.Shared.class)}, and stopped after the last one, before the broker and the database.
 */
final class TestPlatform implements AutoCloseable {

    final RunningPlatform services;

    final DemoPublisher demoPublisher;

    final FrontDoor frontDoor;

    final OperatorConsole console;

    /** The stack's first administrator, logged in at identity-service like any operator. */
    final AdminApi admin;

    private TestPlatform(RunningPlatform services, DemoPublisher demoPublisher, OperatorConsole console,
            FrontDoor frontDoor, AdminApi admin) {
        this.services = services;
        this.demoPublisher = demoPublisher;
        this.console = console;
        this.frontDoor = frontDoor;
        this.admin = admin;
    }

    private static TestPlatform start() {
        InProcessKafka kafka = TestInfrastructure.kafka();
        InProcessPostgres postgres = TestInfrastructure.postgres();
        DemoPublisher demoPublisher = DemoPublisher.start(0);
        RunningPlatform services = RunningPlatform.start(new Infrastructure(kafka.bootstrapServers(),
                postgres.jdbcUrl(), postgres.username(), postgres.password()), service -> 0,
                LocalStack.localSettings(TestStackKeys.SHARED, demoPublisher));
        OperatorConsole console = OperatorConsole.start(0);
        FrontDoor frontDoor = FrontDoor.start(services, console,
                StackOptions.parse(new String[0]).frontDoorAddress(), List.of(0));
        AdminApi admin = AdminApi.logIn(services.url(PlatformService.IDENTITY), DemoAccounts.ADMIN.username(),
                DemoAccounts.ADMIN.password());
        return new TestPlatform(services, demoPublisher, console, frontDoor, admin);
    }

    String url(PlatformService service) {
        return services.url(service);
    }

    @Override
    public void close() {
        frontDoor.close();
        console.close();
        services.close();
        demoPublisher.close();
    }

    /** Hands the one platform to any test method, constructor or {@code @BeforeAll} that declares it. */
    static final class Shared implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
            return parameter.getParameter().getType() == TestPlatform.class;
        }

        @Override
        public TestPlatform resolveParameter(ParameterContext parameter, ExtensionContext extension) {
            return extension.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(TestPlatform.class, key -> start(), TestPlatform.class);
        }
    }
}
