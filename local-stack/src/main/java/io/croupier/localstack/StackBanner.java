package io.croupier.localstack;

import java.time.Duration;

import io.croupier.embedded.InProcessKafka;
import io.croupier.embedded.InProcessPostgres;

/** Everything a newcomer needs to start clicking around, printed once the stack is up. */
final class StackBanner {

    static String render(RunningPlatform platform, String frontDoorAddress, InProcessKafka kafka,
            InProcessPostgres postgres, DemoPublisher demoPublisher, Duration startup) {
        StringBuilder out = new StringBuilder();
        out.append("\n=== Croupier is up (").append(startup.toSeconds()).append(" s) ===\n");
        out.append("Seed-compatible front door:  http://localhost:8080, :5000 and :8000 (seed 002)");
        out.append(StackOptions.LOOPBACK.equals(frontDoorAddress)
                ? "  (this machine only; --front-door-address=0.0.0.0 opens it)\n"
                : "  (listening on " + frontDoorAddress + ")\n");
        out.append("  click:       http://localhost:5000/click?source=facebook&campaign=winter2024&pub=joao123\n");
        out.append("  postbacks:   http://localhost:8080/api/postback/brazino/registration?subid=joao123&amount=0\n");
        out.append("               http://localhost:8080/postback/abc123xyz?click_id=CLK-789ABC&status=approved&payout=5.00\n");
        out.append("  signed:      platform sigma_casino takes only signed webhooks (postback-service README)\n");
        out.append("  analytics:   curl -X POST -H \"Authorization: Bearer $TOKEN\" http://localhost:8000/run-pipeline\n");
        out.append("               curl -H \"Authorization: Bearer $TOKEN\" http://localhost:8000/reports/roas_d1\n");
        out.append("  health:      http://localhost:8080/health\n");
        out.append("  API docs:    http://localhost:5000/docs (casinos, publishers, operators; docs/integrating.md)\n");
        out.append("Console:     http://localhost:8080/console/  (operators: dashboard, offers, publishers, postback log,"
                + " ledger; publishers: their portal)\n");
        out.append("Demo accounts (demo passwords of this local stack only; log in to the console with them, or POST"
                + " /login, then Authorization: Bearer):\n");
        for (DemoAccounts.Account account : DemoAccounts.ALL) {
            out.append(String.format("  %-10s %-20s %s%n", account.role(), account.username(), account.password()));
        }
        out.append("  log in:      curl -s -X POST http://localhost:8080/login -H 'Content-Type: application/json' \\\n")
            .append("                -d '{\"username\":\"").append(DemoAccounts.MANAGER.username())
            .append("\",\"password\":\"").append(DemoAccounts.MANAGER.password()).append("\"}'\n");
        out.append("Services (OpenAPI UI at /docs, health at /health, metrics at /actuator/prometheus with an"
                + " operator token):\n");
        for (PlatformService service : PlatformService.values()) {
            out.append(String.format("  %-20s %s/docs%n", service.serviceName(), platform.url(service)));
        }
        out.append("Demo publisher (what publishers received): http://127.0.0.1:").append(demoPublisher.port())
            .append(DemoPublisher.RECEIVED_PATH).append('\n');
        out.append("Kafka:       ").append(kafka.bootstrapServers()).append('\n');
        out.append("PostgreSQL:  ").append(postgres.jdbcUrl()).append(" (user ").append(postgres.username())
            .append(", password ").append(postgres.password()).append(")\n");
        out.append("Press Ctrl-C to stop; data is kept in .croupier/ for the next start, the keys that protect its "
                + "secrets in .croupier/" + StackKeys.FILE + " (keep both private).\n");
        return out.toString();
    }

    private StackBanner() {
    }
}
