package io.croupier.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.croupier.frontdoor.Backend;
import io.croupier.frontdoor.RouteTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} agrees with the code it runs: every environment variable names a setting that exists in
 * the service it is given to (Spring Boot's own, event-runtime's, or the service's, as described by the configuration
 * metadata the build writes), every port and URL matches the port the service listens on, only the front door and the
 * observability tools publish ports, the front door's routes lead to services the file runs, and Prometheus scrapes
 * every one of them.
 */
class ComposeFileTest {

    private static final Path REPOSITORY = Path.of("..");

    private static final String FRONT_DOOR = "front-door";

    /** Environment variables the JVM reads, not Spring. */
    private static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Map<String, Map<String, Object>> compose;

    private static List<Setting> settings;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        try (Reader file = Files.newBufferedReader(REPOSITORY.resolve("docker-compose.yml"))) {
            compose = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(file).get("services");
        }
        settings = new ArrayList<>();
        for (URL metadata : Collections.list(ComposeFileTest.class.getClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : JSON.readTree(in).path("properties")) {
                    settings.add(new Setting(metadata.toString(), property.path("name").asString(),
                            property.path("type").asString(), property.path("defaultValue")));
                }
            }
        }
    }

    @Test
    void everyVariableNamesASettingOfTheServiceItIsGivenTo() {
        for (String service : built()) {
            for (String variable : environment(service).keySet()) {
                if (JVM_ENVIRONMENT.contains(variable)) {
                    continue;
                }
                assertThat(settings).as("%s: %s is no setting of %s", service, variable, service)
                    .anyMatch(setting -> setting.of(service) && setting.boundBy(variable));
            }
        }
    }

    @Test
    void theFrontDoorFindsEveryServiceWhereItListens() {
        Map<String, Object> environment = environment(FRONT_DOOR);
        for (Backend backend : Backend.values()) {
            String variable = "CROUPIER_FRONTDOOR_BACKENDS_" + backend.name();
            assertThat(environment).as("front door: %s", variable).containsKey(variable);
            URI url = URI.create((String) environment.get(variable));
            assertThat(url.getHost()).as(variable).isEqualTo(backend.serviceName());
            assertThat(url.getPort()).as(variable).isEqualTo(serverPort(backend.serviceName()))
                .isEqualTo(backend.documentedPort());
        }
        assertThat(compose.keySet()).as("every routed service runs")
            .containsAll(RouteTable.routedBackends().stream().map(Backend::serviceName).toList());
    }

    @Test
    void onlyTheFrontDoorAndTheObservabilityToolsPublishPorts() {
        Set<String> publishing = compose.entrySet().stream()
            .filter(service -> service.getValue().containsKey("ports"))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
        assertThat(publishing).containsExactlyInAnyOrder(FRONT_DOOR, "prometheus", "grafana");

        Set<Integer> frontDoorPorts = new HashSet<>();
        frontDoorPorts.add(serverPort(FRONT_DOOR));
        settings.stream()
            .filter(setting -> setting.name().equals("croupier.front-door.additional-ports"))
            .map(Setting::defaultValue)
            .forEach(ports -> {
                if (ports.isArray()) {
                    ports.forEach(port -> frontDoorPorts.add(port.asInt()));
                }
                else {
                    // Several defaults of a list are written as one string, "[5000, 8000]".
                    Matcher port = Pattern.compile("\\d+").matcher(ports.asString());
                    while (port.find()) {
                        frontDoorPorts.add(Integer.parseInt(port.group()));
                    }
                }
            });
        assertThat(containerPorts(FRONT_DOOR)).containsExactlyInAnyOrderElementsOf(frontDoorPorts)
            .contains(8080, 5000, 8000);
    }

    @Test
    void everyBuiltServiceIsAModuleRunUnderItsOwnName() {
        Set<String> expected = Arrays.stream(Backend.values()).map(Backend::serviceName).collect(Collectors.toSet());
        expected.add(FRONT_DOOR);
        assertThat(built()).containsExactlyInAnyOrderElementsOf(expected);
        for (String service : built()) {
            assertThat(buildArgument(service)).as(service).isEqualTo(service);
            assertThat(REPOSITORY.resolve(service).resolve("pom.xml")).as(service).exists();
            assertThat(serverPort(service)).as("%s's server.port", service).isPositive();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceWhereItListensWithAnOperatorsKey() throws IOException {
        Map<String, Object> prometheus;
        try (Reader file = Files.newBufferedReader(REPOSITORY.resolve("docker/prometheus/prometheus.yml"))) {
            prometheus = new Yaml().load(file);
        }
        Set<String> scraped = new HashSet<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            assertThat(job).as("%s scraped with the operator key", job.get("job_name")).containsKey("oauth2");
            for (Map<String, Object> discovery : (List<Map<String, Object>>) job.get("dns_sd_configs")) {
                for (String name : (List<String>) discovery.get("names")) {
                    assertThat(compose).as("Prometheus scrapes %s", name).containsKey(name);
                    assertThat(discovery.get("port")).as("%s's port", name).isEqualTo(serverPort(name));
                    scraped.add(name);
                }
            }
        }
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Backend.values()).map(Backend::serviceName).toList());
    }

    private static List<String> built() {
        return compose.entrySet().stream()
            .filter(service -> service.getValue().containsKey("build"))
            .map(Map.Entry::getKey)
            .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) compose.get(service).getOrDefault("environment", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static String buildArgument(String service) {
        Map<String, Object> build = (Map<String, Object>) compose.get(service).get("build");
        return (String) ((Map<String, Object>) build.get("args")).get("SERVICE");
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> containerPorts(String service) {
        return ((List<String>) compose.get(service).get("ports")).stream()
            .map(mapping -> Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1)))
            .toList();
    }

    /** The port a service listens on: {@code server.port} in the properties file it declares. */
    private static int serverPort(String service) {
        Properties properties = new Properties();
        try (InputStream in = ComposeFileTest.class.getClassLoader().getResourceAsStream(service + ".properties")) {
            assertThat(in).as("%s.properties on the class path", service).isNotNull();
            properties.load(in);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Integer.parseInt(properties.getProperty("server.port"));
    }

    /**
     * One setting from the configuration metadata of one jar or module.
     *
     * @param origin where its metadata was read, which tells the module it belongs to
     */
    private record Setting(String origin, String name, String type, JsonNode defaultValue) {

        /**
         * Spring Boot's own settings apply to every service; a croupier.* setting to its module's, and to every
         * service when it comes from a library every service or several use (the runtime, access control, secrets).
         */
        boolean of(String service) {
            return !name.startsWith("croupier.") || fromModule(service)
                    || Stream.of("event-runtime", "access-control", "secrets").anyMatch(this::fromModule);
        }

        private boolean fromModule(String module) {
            return origin.contains("/" + module + "/") || origin.contains("/" + module + "-");
        }

        /**
         * Spring Boot's relaxed binding of environment variables: upper case, '_' for '.', dashes left out (or, the
         * older form, '_' for them too); a map takes its keys after the name.
         */
        boolean boundBy(String variable) {
            String dotted = name.toUpperCase(Locale.ROOT).replace('.', '_');
            return Stream.of(dotted.replace("-", ""), dotted.replace('-', '_'))
                .anyMatch(bound -> variable.equals(bound)
                        || type.startsWith("java.util.Map") && variable.startsWith(bound + "_"));
        }
    }
}
