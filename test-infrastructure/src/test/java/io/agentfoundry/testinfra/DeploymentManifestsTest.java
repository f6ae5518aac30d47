package io.agentfoundry.testinfra;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks docker-compose.yml and the manifests under k8s/ against the services' real configuration: Docker cannot run
 * where this is built, so this is what keeps those files honest.
 *
 * <p>A service's configuration is the union of its application.properties, service-platform's
 * META-INF/microprofile-config.properties and the keys of the {@code @ConfigMapping} interfaces in its sources (and in
 * service-platform's, which every service depends on), derived from the interface source the way SmallRye Config
 * derives them: the prefix, then each method name in kebab case ({@code @WithName} overrides it), nested interfaces
 * adding a segment. An environment variable is accepted when it names one of those properties once both sides are
 * normalised as Quarkus does for environment variables: every non-alphanumeric character to {@code _}, upper case.
 */
class DeploymentManifestsTest {

    /** The reactor root; surefire runs in the module directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    private static final Path K8S = ROOT.resolve("k8s");
    private static final Path INIT_SQL = ROOT.resolve("deploy/postgres/init.sql");

    private static final List<String> SERVICES =
            List.of("registry-service", "generator-service", "builder-service", "deployer-service", "tester-service");

    /** Every service must be given these, in every deployment, so the checks on their values cannot be skipped. */
    private static final List<String> REQUIRED_VARIABLES =
            List.of("QUARKUS_HTTP_PORT", "QUARKUS_DATASOURCE_JDBC_URL", "KAFKA_BOOTSTRAP_SERVERS");

    private static final String NAMESPACE = "agentfoundry";
    private static final String DB_SECRET = "agentfoundry-db";

    private static final YAMLMapper YAML =
            YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static Map<String, ServiceConfig> configs;

    @BeforeAll
    static void loadServiceConfiguration() {
        configs = new LinkedHashMap<>();
        for (String service : SERVICES) {
            configs.put(service, ServiceConfig.load(ROOT, service));
        }
    }

    // ------------------------------------------------------------------------------------------------------- tests

    @Test
    void composeAndKubernetesManifestsMatchEachServicesConfiguration() {
        ManifestChecker checker = new ManifestChecker(configs);

        checker.checkCompose(relative(COMPOSE), readSingle(COMPOSE));
        checker.checkKubernetes(readKubernetes());

        assertNoProblems(checker);
        // Not vacuous: every service was found in both and given at least the required variables in each.
        for (String service : SERVICES) {
            assertThat(checker.checkedVariables.getOrDefault(relative(COMPOSE) + " " + service, 0))
                    .as("variables checked for %s in %s", service, relative(COMPOSE))
                    .isGreaterThanOrEqualTo(REQUIRED_VARIABLES.size());
            assertThat(checker.checkedVariables.getOrDefault("k8s " + service, 0))
                    .as("variables checked for %s in k8s/", service)
                    .isGreaterThanOrEqualTo(REQUIRED_VARIABLES.size() + 1);
        }
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = readSingle(K8S.resolve("kustomization.yaml"));
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));

        Set<String> present;
        try (Stream<Path> files = Files.walk(K8S)) {
            present = files.filter(DeploymentManifestsTest::isYaml)
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                    .map(file -> K8S.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(listed).as("resources of k8s/kustomization.yaml against the YAML files under k8s/")
                .containsExactlyInAnyOrderElementsOf(present);
        assertThat(kustomization.path("namespace").asText()).isEqualTo(NAMESPACE);
    }

    @Test
    void postgresInitScriptCreatesEachServicesDatabaseAndIsTheSameForComposeAndKubernetes() throws IOException {
        String script = Files.readString(INIT_SQL);
        List<String> problems = new ArrayList<>();
        if (!Pattern.compile("(?i)CREATE\\s+ROLE\\s+agentfoundry\\b[^;]*\\bLOGIN\\b[^;]*PASSWORD\\s+'agentfoundry'")
                .matcher(script).find()) {
            problems.add(relative(INIT_SQL) + ": does not create the login role agentfoundry (password agentfoundry)");
        }
        for (ServiceConfig config : configs.values()) {
            if (!Pattern.compile("(?i)CREATE\\s+DATABASE\\s+\"?" + Pattern.quote(config.database())
                    + "\"?\\s+(WITH\\s+)?OWNER\\s*=?\\s*\"?agentfoundry\\b").matcher(script).find()) {
                problems.add(relative(INIT_SQL) + ": service " + config.name() + ": does not create database "
                        + config.database() + " (from its quarkus.datasource.jdbc.url) owned by agentfoundry");
            }
        }

        JsonNode postgres = readSingle(COMPOSE).path("services").path("postgres");
        if (!postgres.path("volumes").toString().contains("./deploy/postgres/init.sql:/docker-entrypoint-initdb.d/")) {
            problems.add(relative(COMPOSE) + ": service postgres: does not mount ./deploy/postgres/init.sql into "
                    + "/docker-entrypoint-initdb.d/");
        }

        List<Resource> initMaps = readKubernetes().stream()
                .filter(resource -> resource.kind().equals("ConfigMap") && resource.node().path("data").has("init.sql"))
                .toList();
        if (initMaps.isEmpty()) {
            problems.add("k8s/: no ConfigMap carries init.sql for PostgreSQL");
        }
        for (Resource initMap : initMaps) {
            if (!initMap.node().path("data").path("init.sql").asText().strip().equals(script.strip())) {
                problems.add(initMap.where() + ": init.sql differs from " + relative(INIT_SQL));
            }
        }
        assertThat(problems).withFailMessage(() -> describe(problems)).isEmpty();
    }

    @Test
    void everyTopicIsCreatedInComposeAndKubernetes() throws IOException {
        String topicsSource = Files.readString(ROOT.resolve(
                "shared-events/src/main/java/io/agentfoundry/events/Topics.java"));
        Set<String> topics = new TreeSet<>();
        Matcher literal = Pattern.compile("\"(agentfoundry\\.[a-z0-9.-]+\\.v\\d+)\"").matcher(topicsSource);
        while (literal.find()) {
            topics.add(literal.group(1));
        }
        assertThat(topics).as("topics read from Topics.java").hasSizeGreaterThanOrEqualTo(7);
        for (String service : SERVICES) {
            topics.add("agentfoundry.dlq." + service);
        }

        String composeInit = readSingle(COMPOSE).path("services").path("kafka-init").toString();
        String kubernetesJobs = readKubernetes().stream()
                .filter(resource -> resource.kind().equals("Job"))
                .map(resource -> resource.node().toString())
                .collect(Collectors.joining("\n"));
        List<String> problems = new ArrayList<>();
        for (String topic : topics) {
            if (!composeInit.contains(topic)) {
                problems.add(relative(COMPOSE) + ": service kafka-init: does not create topic " + topic);
            }
            if (!kubernetesJobs.contains(topic)) {
                problems.add("k8s/dependencies/kafka.yaml: no Job creates topic " + topic);
            }
        }
        assertThat(problems).withFailMessage(() -> describe(problems)).isEmpty();
    }

    /** The checker must catch mistakes, or the first test could pass without checking anything. */
    @Test
    void checkerReportsMistakesInAComposeFile() throws IOException {
        String wrong = """
                services:
                  kafka:
                    image: apache/kafka:4.1.2
                    environment:
                      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092,HOST://localhost:29092
                  postgres:
                    image: postgres:16-alpine
                  generator-service:
                    image: agentfoundry/generator-service:0.1.0-SNAPSHOT
                    depends_on:
                      kafka: {condition: service_healthy}
                      postgres: {condition: service_healthy}
                    environment:
                      QUARKUS_HTTP_PORT: "8080"
                      KAFKA_BOOTSTRAP_SERVERS: localhost:29092
                      QUARKUS_DATASOURCE_JDBC_URL: jdbc:postgresql://postgres:5432/registry
                      AGENTFOUNDRY_GENERATOR_PUBLIC_URLL: http://generator-service:8081
                    ports: ["8080:8081"]
                    healthcheck:
                      test: ["CMD-SHELL", "curl -fsS http://localhost:8080/q/health/ready"]
                """;
        ManifestChecker checker = new ManifestChecker(Map.of("generator-service", configs.get("generator-service")));
        checker.checkCompose("in-memory-compose.yml", readAll(wrong).get(0));

        assertThat(checker.problems)
                .anySatisfy(problem -> assertThat(problem).contains("in-memory-compose.yml", "generator-service",
                        "AGENTFOUNDRY_GENERATOR_PUBLIC_URLL", "agentfoundry.generator.public.urll"))
                .anySatisfy(problem -> assertThat(problem).contains("in-memory-compose.yml", "generator-service",
                        "QUARKUS_HTTP_PORT", "8080", "8081"))
                .anySatisfy(problem -> assertThat(problem).contains("in-memory-compose.yml", "generator-service",
                        "QUARKUS_DATASOURCE_JDBC_URL", "registry", "generator"))
                .anySatisfy(problem -> assertThat(problem).contains("in-memory-compose.yml", "generator-service",
                        "KAFKA_BOOTSTRAP_SERVERS", "localhost:29092"))
                .anySatisfy(problem -> assertThat(problem).contains("in-memory-compose.yml", "generator-service",
                        "ports", "8080:8081"))
                .anySatisfy(problem -> assertThat(problem).contains("in-memory-compose.yml", "generator-service",
                        "healthcheck", "8080"))
                .hasSize(6);

        // ...and the same document put right passes, so those reports came from the mistakes alone.
        String right = wrong.replace("\"8080\"", "\"8081\"")
                .replace("KAFKA_BOOTSTRAP_SERVERS: localhost:29092", "KAFKA_BOOTSTRAP_SERVERS: kafka:9092")
                .replace("5432/registry", "5432/generator")
                .replace("PUBLIC_URLL", "PUBLIC_URL")
                .replace("8080:8081", "8081:8081")
                .replace("localhost:8080", "localhost:8081");
        ManifestChecker rightChecker = new ManifestChecker(Map.of("generator-service", configs.get("generator-service")));
        rightChecker.checkCompose("in-memory-compose.yml", readAll(right).get(0));
        assertThat(rightChecker.problems).isEmpty();
    }

    @Test
    void checkerReportsMistakesInKubernetesManifests() {
        List<Resource> resources = new ArrayList<>();
        for (Resource resource : readKubernetes()) {
            resources.add(new Resource(resource.file(), resource.node().deepCopy()));
        }
        // An unknown variable in a ConfigMap, a wrong containerPort, a JDBC URL to another service's database,
        // and a service without its Service.
        ObjectNode testerConfig = (ObjectNode) find(resources, "ConfigMap", "tester-service-config").node().path("data");
        testerConfig.put("AGENTFOUNDRY_TESTER_HEALTH_TIMEOUTS", "60s");
        ObjectNode deployerContainer = (ObjectNode) find(resources, "Deployment", "deployer-service").node()
                .path("spec").path("template").path("spec").path("containers").get(0);
        ((ObjectNode) deployerContainer.path("ports").get(0)).put("containerPort", 8080);
        ObjectNode builderConfig = (ObjectNode) find(resources, "ConfigMap", "builder-service-config").node().path("data");
        builderConfig.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/deployer");
        resources.remove(find(resources, "Service", "registry-service"));

        ManifestChecker checker = new ManifestChecker(configs);
        checker.checkKubernetes(resources);

        assertThat(checker.problems)
                .anySatisfy(problem -> assertThat(problem).contains("k8s/tester-service.yaml", "tester-service",
                        "tester-service-config", "AGENTFOUNDRY_TESTER_HEALTH_TIMEOUTS"))
                .anySatisfy(problem -> assertThat(problem).contains("k8s/deployer-service.yaml", "deployer-service",
                        "containerPort", "8080", "8083"))
                .anySatisfy(problem -> assertThat(problem).contains("k8s/builder-service.yaml", "builder-service",
                        "QUARKUS_DATASOURCE_JDBC_URL", "deployer", "builder"))
                .anySatisfy(problem -> assertThat(problem).contains("registry-service", "no Service"));
    }

    @Test
    void configMappingKeysFollowSmallRyeNaming() {
        String source = """
                package example;

                import io.smallrye.config.ConfigMapping;
                /* interface Ignored { String ignored(); } */
                @ConfigMapping(prefix = "example.app")
                public interface ExampleConfig {
                    // A comment with a brace { and a fake member: String fake();
                    @WithName("service-name")
                    @WithDefault("${quarkus.application.name}")
                    String serviceName();

                    @WithDefault("http://localhost:8080/a;b")
                    java.net.URI baseURL();

                    Optional<Retry> retry();

                    Map<String, Endpoint> endpoints();

                    String NOT_A_PROPERTY = "x";

                    default String derived() {
                        return serviceName() + "}";
                    }

                    interface Retry {
                        @WithDefault("3")
                        int maxAttempts();

                        Backoff backoff();

                        interface Backoff {
                            Duration initialDelay();
                        }
                    }

                    interface Endpoint {
                        String url();
                    }
                }
                """;
        ConfigMappings mappings = ConfigMappings.parse(List.of(source));
        assertThat(mappings.properties).containsExactlyInAnyOrder(
                "example.app.service-name",
                "example.app.base-url",
                "example.app.retry.max-attempts",
                "example.app.retry.backoff.initial-delay");
        assertThat(mappings.mapPrefixes).containsExactly("example.app.endpoints");

        assertThat(configs.get("builder-service").properties())
                .contains("agentfoundry.builder.output-dir", "agentfoundry.builder.allow-insecure-registries",
                        "agentfoundry.builder.registry", "agentfoundry.platform.outbox.batch-size",
                        "agentfoundry.platform.service-name", "quarkus.datasource.username", "kafka.bootstrap.servers");
        assertThat(envForm("quarkus.log.category.\"org.apache.kafka\".level"))
                .isEqualTo("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL");
    }

    // -------------------------------------------------------------------------------------- service configuration

    /** What a service is configured with, as read from its sources. */
    record ServiceConfig(String name, int httpPort, String database, Set<String> properties,
            Map<String, String> propertyByEnvName, Set<String> mapEnvPrefixes) {

        static ServiceConfig load(Path root, String service) {
            Path module = root.resolve(service);
            Path applicationProperties = module.resolve("src/main/resources/application.properties");
            Properties application = properties(applicationProperties);
            Path platformModule = root.resolve("service-platform");
            Properties platform = properties(platformModule.resolve("src/main/resources/META-INF/microprofile-config.properties"));

            List<Path> sourceRoots = new ArrayList<>(List.of(module.resolve("src/main/java")));
            if (readString(module.resolve("pom.xml")).contains("<artifactId>service-platform</artifactId>")) {
                sourceRoots.add(platformModule.resolve("src/main/java"));
            }
            ConfigMappings mappings = ConfigMappings.parse(configMappingSources(sourceRoots));

            Set<String> properties = new TreeSet<>();
            Stream.concat(application.stringPropertyNames().stream(), platform.stringPropertyNames().stream())
                    .map(ServiceConfig::withoutProfile)
                    .forEach(properties::add);
            properties.addAll(mappings.properties);
            Map<String, String> byEnvName = new TreeMap<>();
            properties.forEach(property -> byEnvName.putIfAbsent(envForm(property), property));
            Set<String> mapEnvPrefixes = mappings.mapPrefixes.stream()
                    .map(prefix -> envForm(prefix) + "_")
                    .collect(Collectors.toCollection(TreeSet::new));

            String port = application.getProperty("quarkus.http.port");
            if (port == null) {
                throw new IllegalStateException(applicationProperties + " has no quarkus.http.port");
            }
            String url = application.getProperty("quarkus.datasource.jdbc.url");
            JdbcUrl jdbc = url == null ? null : JdbcUrl.parse(url);
            if (jdbc == null) {
                throw new IllegalStateException(applicationProperties + " has no PostgreSQL quarkus.datasource.jdbc.url");
            }
            return new ServiceConfig(service, Integer.parseInt(port.strip()), jdbc.database(), properties, byEnvName,
                    mapEnvPrefixes);
        }

        /** The property an environment variable sets, or null when the service has no such property. */
        String propertyFor(String variable) {
            String env = envForm(variable);
            String property = propertyByEnvName.get(env);
            if (property != null) {
                return property;
            }
            return mapEnvPrefixes.stream().anyMatch(env::startsWith) ? toPropertyForm(variable) : null;
        }

        private static String withoutProfile(String key) {
            return key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key;
        }

        private static List<String> configMappingSources(List<Path> sourceRoots) {
            List<String> sources = new ArrayList<>();
            for (Path sourceRoot : sourceRoots) {
                if (!Files.isDirectory(sourceRoot)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sourceRoot)) {
                    files.filter(file -> file.toString().endsWith(".java"))
                            .map(DeploymentManifestsTest::readString)
                            .filter(source -> source.contains("@ConfigMapping"))
                            .forEach(sources::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return sources;
        }

        private static Properties properties(Path file) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties;
        }
    }

    /** Quarkus's environment-variable form of a property name: non-alphanumerics to '_', upper case. */
    static String envForm(String name) {
        StringBuilder env = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            env.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return env.toString();
    }

    /** The dotted lower-case form of an environment variable, for messages. */
    static String toPropertyForm(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    record JdbcUrl(String host, int port, String database) {
        private static final Pattern PATTERN =
                Pattern.compile("^jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/([^?;]+)");

        static JdbcUrl parse(String url) {
            Matcher matcher = PATTERN.matcher(url.strip());
            if (!matcher.find()) {
                return null;
            }
            return new JdbcUrl(matcher.group(1), matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2)),
                    matcher.group(3));
        }
    }

    // ------------------------------------------------------------------------------------- @ConfigMapping parsing

    /** The property names of {@code @ConfigMapping} interfaces, read from their source. */
    static final class ConfigMappings {

        private static final Pattern INTERFACE = Pattern.compile("(?<![@\\w])interface\\s+(\\w+)[^{;]*\\{");
        private static final Pattern CONFIG_MAPPING =
                Pattern.compile("@(?:io\\.smallrye\\.config\\.)?ConfigMapping\\s*(\\(((?:\"(?:[^\"\\\\]|\\\\.)*\"|[^()\"])*)\\))?");
        private static final Pattern STRING_ATTRIBUTE = Pattern.compile("(\\w+)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
        private static final Pattern ANNOTATION =
                Pattern.compile("@([\\w.]+)\\s*(\\(((?:\"(?:[^\"\\\\]|\\\\.)*\"|[^()\"])*)\\))?");
        private static final Pattern METHOD = Pattern.compile(
                "^(?:(?:public|abstract)\\s+)*([\\w.$]+(?:\\s*<.*>)?(?:\\s*\\[\\s*])*)\\s+(\\w+)\\s*\\(\\s*\\)$",
                Pattern.DOTALL);
        private static final Set<String> MAP_TYPES = Set.of("Map", "SortedMap", "NavigableMap", "java.util.Map");
        private static final Set<String> WRAPPER_TYPES = Set.of("Optional", "java.util.Optional");

        final Set<String> properties = new TreeSet<>();
        /** Map-typed members: any key below these is a property. */
        final Set<String> mapPrefixes = new TreeSet<>();

        private record Member(String name, String type, String withName, boolean withParentName) {
        }

        static ConfigMappings parse(Collection<String> sources) {
            ConfigMappings result = new ConfigMappings();
            Map<String, String> interfaces = new HashMap<>();
            List<String[]> roots = new ArrayList<>();
            for (String source : sources) {
                String code = stripComments(source);
                Matcher declaration = INTERFACE.matcher(code);
                while (declaration.find()) {
                    int open = declaration.end() - 1;
                    interfaces.put(declaration.group(1), code.substring(open + 1, matchingBrace(code, open)));
                }
                Matcher mapping = CONFIG_MAPPING.matcher(code);
                while (mapping.find()) {
                    Map<String, String> attributes = new HashMap<>();
                    if (mapping.group(2) != null) {
                        Matcher attribute = STRING_ATTRIBUTE.matcher(mapping.group(2));
                        while (attribute.find()) {
                            attributes.put(attribute.group(1), attribute.group(2));
                        }
                        if (!mapping.group(2).contains("=") && mapping.group(2).strip().startsWith("\"")) {
                            attributes.put("prefix", mapping.group(2).strip().replaceAll("^\"|\"$", ""));
                        }
                    }
                    String naming = mapping.group(2) == null ? "KEBAB_CASE"
                            : mapping.group(2).contains("VERBATIM") ? "VERBATIM"
                            : mapping.group(2).contains("SNAKE_CASE") ? "SNAKE_CASE" : "KEBAB_CASE";
                    Matcher target = INTERFACE.matcher(code);
                    if (target.find(mapping.end())) {
                        roots.add(new String[] {attributes.getOrDefault("prefix", ""), target.group(1), naming});
                    }
                }
            }
            for (String[] root : roots) {
                UnaryOperator<String> naming = switch (root[2]) {
                    case "VERBATIM" -> name -> name;
                    case "SNAKE_CASE" -> name -> kebab(name).replace('-', '_');
                    default -> ConfigMappings::kebab;
                };
                result.collect(root[0], root[1], interfaces, naming, new HashSet<>());
            }
            return result;
        }

        private void collect(String prefix, String interfaceName, Map<String, String> interfaces,
                UnaryOperator<String> naming, Set<String> visiting) {
            String body = interfaces.get(interfaceName);
            if (body == null || !visiting.add(interfaceName)) {
                return;
            }
            for (Member member : members(body)) {
                String segment = member.withName() != null ? member.withName()
                        : member.withParentName() ? "" : naming.apply(member.name());
                String path = segment.isEmpty() ? prefix : prefix.isEmpty() ? segment : prefix + "." + segment;
                String raw = rawType(member.type());
                List<String> arguments = typeArguments(member.type());
                if (MAP_TYPES.contains(raw)) {
                    mapPrefixes.add(path);
                    continue;
                }
                String valueType = WRAPPER_TYPES.contains(raw) && arguments.size() == 1 ? rawType(arguments.get(0)) : raw;
                String simpleName = valueType.substring(valueType.lastIndexOf('.') + 1);
                if (interfaces.containsKey(simpleName)) {
                    collect(path, simpleName, interfaces, naming, visiting);
                } else {
                    properties.add(path);
                }
            }
            visiting.remove(interfaceName);
        }

        /** Abstract, parameterless methods declared directly in an interface body; nested types are skipped. */
        private static List<Member> members(String body) {
            List<Member> members = new ArrayList<>();
            StringBuilder segment = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '"' || c == '\'') {
                    int end = endOfLiteral(body, i);
                    segment.append(body, i, end + 1);
                    i = end;
                } else if (c == '{') {
                    // A nested type, a default or static method body, or an initialiser: not a property.
                    i = matchingBrace(body, i);
                    segment.setLength(0);
                } else if (c == ';') {
                    member(segment.toString()).ifPresent(members::add);
                    segment.setLength(0);
                } else {
                    segment.append(c);
                }
            }
            return members;
        }

        private static java.util.Optional<Member> member(String declaration) {
            String withName = null;
            boolean withParentName = false;
            Matcher annotation = ANNOTATION.matcher(declaration);
            StringBuilder rest = new StringBuilder();
            int last = 0;
            while (annotation.find()) {
                String name = annotation.group(1).substring(annotation.group(1).lastIndexOf('.') + 1);
                if (name.equals("WithName") && annotation.group(3) != null) {
                    Matcher value = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(annotation.group(3));
                    if (value.find()) {
                        withName = value.group(1);
                    }
                } else if (name.equals("WithParentName")) {
                    withParentName = true;
                }
                rest.append(declaration, last, annotation.start());
                last = annotation.end();
            }
            rest.append(declaration.substring(last));
            String text = rest.toString().strip();
            if (text.matches("(?s).*\\b(static|default|private)\\b.*")) {
                return java.util.Optional.empty();
            }
            Matcher method = METHOD.matcher(text);
            if (!method.matches()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Member(method.group(2), method.group(1).replaceAll("\\s+", ""), withName,
                    withParentName));
        }

        private static String rawType(String type) {
            int generic = type.indexOf('<');
            return (generic < 0 ? type : type.substring(0, generic)).strip();
        }

        private static List<String> typeArguments(String type) {
            int open = type.indexOf('<');
            if (open < 0) {
                return List.of();
            }
            List<String> arguments = new ArrayList<>();
            int depth = 0;
            int start = open + 1;
            for (int i = open + 1; i < type.length(); i++) {
                char c = type.charAt(i);
                if (c == '<') {
                    depth++;
                } else if (c == '>' && depth-- == 0) {
                    arguments.add(type.substring(start, i).strip());
                    break;
                } else if (c == ',' && depth == 0) {
                    arguments.add(type.substring(start, i).strip());
                    start = i + 1;
                }
            }
            return arguments;
        }

        /** SmallRye's kebab case: {@code batchSize} is {@code batch-size}, {@code baseURL} is {@code base-url}. */
        static String kebab(String name) {
            return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                    .replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
                    .toLowerCase(Locale.ROOT);
        }

        /** The source without comments; string and character literals are kept as they are. */
        static String stripComments(String source) {
            StringBuilder code = new StringBuilder(source.length());
            for (int i = 0; i < source.length(); i++) {
                char c = source.charAt(i);
                if (c == '"' || c == '\'') {
                    int end = endOfLiteral(source, i);
                    code.append(source, i, end + 1);
                    i = end;
                } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                    int end = source.indexOf('\n', i);
                    i = (end < 0 ? source.length() : end) - 1;
                } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                    int end = source.indexOf("*/", i + 2);
                    i = (end < 0 ? source.length() : end + 2) - 1;
                    code.append(' ');
                } else {
                    code.append(c);
                }
            }
            return code.toString();
        }

        /** Index of the last character of the string, text-block or character literal starting at {@code start}. */
        private static int endOfLiteral(String text, int start) {
            char quote = text.charAt(start);
            if (quote == '"' && text.startsWith("\"\"\"", start)) {
                int end = text.indexOf("\"\"\"", start + 3);
                return end < 0 ? text.length() - 1 : end + 2;
            }
            for (int i = start + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    return i;
                }
            }
            return text.length() - 1;
        }

        private static int matchingBrace(String text, int open) {
            int depth = 0;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\'') {
                    i = endOfLiteral(text, i);
                } else if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return i;
                }
            }
            throw new IllegalArgumentException("Unbalanced braces from offset " + open);
        }
    }

    // ----------------------------------------------------------------------------------------------- the checker

    /** One Kubernetes resource and the file it came from. */
    record Resource(String file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        String where() {
            return file + ": " + kind() + " " + name();
        }
    }

    /** Collects every disagreement between the manifests and the services' configuration, each naming its place. */
    static final class ManifestChecker {

        private final Map<String, ServiceConfig> services;
        final List<String> problems = new ArrayList<>();
        /** Per "file service" (compose) or "k8s service": how many variables were checked. */
        final Map<String, Integer> checkedVariables = new TreeMap<>();

        ManifestChecker(Map<String, ServiceConfig> services) {
            this.services = services;
        }

        // ------------------------------------------------------------------------------------------- compose

        void checkCompose(String file, JsonNode compose) {
            JsonNode all = compose.path("services");
            if (!all.isObject()) {
                problems.add(file + ": has no services");
                return;
            }
            Set<String> kafkaAddresses = new TreeSet<>();
            Set<String> postgresAddresses = new TreeSet<>();
            List<String> infrastructure = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String image = entry.getValue().path("image").asText("");
                Set<String> names = new HashSet<>(List.of(entry.getKey()));
                names.add(entry.getValue().path("hostname").asText(entry.getKey()));
                Map<String, String> environment = composeEnvironment(entry.getValue());
                if (image.startsWith("apache/kafka:") && environment.containsKey("KAFKA_ADVERTISED_LISTENERS")) {
                    // The broker (a one-shot client of the same image, such as kafka-init, is not).
                    infrastructure.add(entry.getKey());
                    String advertised = environment.get("KAFKA_ADVERTISED_LISTENERS");
                    for (String listener : advertised.split(",")) {
                        String address = listener.replaceFirst("^[^:]+://", "").strip();
                        if (names.contains(address.replaceFirst(":\\d+$", ""))) {
                            kafkaAddresses.add(address);
                        }
                    }
                } else if (image.startsWith("postgres:")) {
                    infrastructure.add(entry.getKey());
                    postgresAddresses.add(entry.getKey() + ":5432");
                }
            }

            for (ServiceConfig config : services.values()) {
                String where = file + ": service " + config.name();
                JsonNode service = all.get(config.name());
                if (service == null) {
                    problems.add(file + ": has no service " + config.name());
                    continue;
                }
                String image = service.path("image").asText("");
                if (!image.startsWith("agentfoundry/" + config.name() + ":")) {
                    problems.add(where + ": image " + image + " is not agentfoundry/" + config.name() + ":<version>");
                }

                Map<String, String> environment = composeEnvironment(service);
                environment.forEach((variable, value) -> checkVariable(where, config, variable, value, kafkaAddresses,
                        postgresAddresses, file + " " + config.name()));
                requireVariables(where, environment.keySet());

                JsonNode ports = service.path("ports");
                if (ports.isEmpty()) {
                    problems.add(where + ": publishes no ports (quarkus.http.port is " + config.httpPort() + ")");
                }
                for (JsonNode port : ports) {
                    int[] mapping = composePort(port);
                    if (mapping[1] != config.httpPort() || mapping[0] != config.httpPort()) {
                        problems.add(where + ": ports entry " + port.asText(port.toString()) + " should be "
                                + config.httpPort() + ":" + config.httpPort() + " (quarkus.http.port in "
                                + config.name() + "/src/main/resources/application.properties)");
                    }
                }

                JsonNode test = service.path("healthcheck").path("test");
                String command = test.isArray() ? stream(test).map(JsonNode::asText).collect(Collectors.joining(" "))
                        : test.asText("");
                Matcher ready = Pattern.compile(":(\\d+)/q/health/ready").matcher(command);
                boolean found = false;
                while (ready.find()) {
                    found = true;
                    if (Integer.parseInt(ready.group(1)) != config.httpPort()) {
                        problems.add(where + ": healthcheck probes port " + ready.group(1) + ", but quarkus.http.port is "
                                + config.httpPort());
                    }
                }
                if (!found) {
                    problems.add(where + ": healthcheck does not call http://...:" + config.httpPort()
                            + "/q/health/ready");
                }

                JsonNode dependsOn = service.path("depends_on");
                for (String dependency : infrastructure) {
                    boolean listed = dependsOn.isArray() ? stream(dependsOn).anyMatch(d -> d.asText().equals(dependency))
                            : dependsOn.has(dependency);
                    if (!listed || !dependsOn.path(dependency).path("condition").asText().equals("service_healthy")) {
                        problems.add(where + ": depends_on should wait for " + dependency
                                + " with condition service_healthy");
                    }
                }
            }
        }

        private static Map<String, String> composeEnvironment(JsonNode service) {
            Map<String, String> environment = new LinkedHashMap<>();
            JsonNode node = service.path("environment");
            if (node.isArray()) {
                for (JsonNode entry : node) {
                    String text = entry.asText();
                    int equals = text.indexOf('=');
                    environment.put(equals < 0 ? text : text.substring(0, equals),
                            equals < 0 ? null : text.substring(equals + 1));
                }
            } else if (node.isObject()) {
                node.fields().forEachRemaining(entry ->
                        environment.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asText()));
            }
            return environment;
        }

        /** {published, target}; -1 when absent. */
        private static int[] composePort(JsonNode port) {
            if (port.isObject()) {
                return new int[] {parsePort(port.path("published").asText("")), parsePort(port.path("target").asText(""))};
            }
            String[] parts = port.asText().replaceFirst("/(tcp|udp)$", "").split(":");
            return new int[] {parts.length >= 2 ? parsePort(parts[parts.length - 2]) : -1,
                    parsePort(parts[parts.length - 1])};
        }

        // ---------------------------------------------------------------------------------------- Kubernetes

        void checkKubernetes(List<Resource> resources) {
            Set<String> kafkaAddresses = serviceAddresses(resources, "apache/kafka:");
            Set<String> postgresAddresses = serviceAddresses(resources, "postgres:");

            if (find(resources, "Namespace", NAMESPACE) == null) {
                problems.add("k8s/: no Namespace " + NAMESPACE);
            }
            for (Resource resource : resources) {
                String namespace = resource.node().path("metadata").path("namespace").asText(NAMESPACE);
                if (!resource.kind().equals("Namespace") && !namespace.equals(NAMESPACE)) {
                    problems.add(resource.where() + ": is in namespace " + namespace + ", not " + NAMESPACE);
                }
            }

            for (ServiceConfig config : services.values()) {
                String counter = "k8s " + config.name();
                Resource deployment = find(resources, "Deployment", config.name());
                if (deployment == null) {
                    problems.add("k8s/: service " + config.name() + ": no Deployment " + config.name());
                    continue;
                }
                String where = deployment.where() + " (service " + config.name() + ")";
                JsonNode podSpec = deployment.node().path("spec").path("template").path("spec");
                JsonNode container = stream(podSpec.path("containers"))
                        .filter(c -> c.path("image").asText().startsWith("agentfoundry/" + config.name() + ":"))
                        .findFirst().orElse(null);
                if (container == null) {
                    problems.add(where + ": no container runs image agentfoundry/" + config.name() + ":<version>");
                    continue;
                }

                // Ports and probes.
                if (container.path("ports").isEmpty()) {
                    problems.add(where + ": container declares no containerPort");
                }
                for (JsonNode port : container.path("ports")) {
                    if (port.path("containerPort").asInt() != config.httpPort()) {
                        problems.add(where + ": containerPort " + port.path("containerPort").asText() + " is not "
                                + config.httpPort() + " (quarkus.http.port)");
                    }
                }
                checkProbe(where, config, container, "readinessProbe", "/q/health/ready", true);
                checkProbe(where, config, container, "livenessProbe", "/q/health/live", true);
                checkProbe(where, config, container, "startupProbe", "/q/health/started", false);
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (container.path("resources").path(kind).path(resource).isMissingNode()) {
                            problems.add(where + ": no resources." + kind + "." + resource);
                        }
                    }
                }

                // Variables: from ConfigMaps (and Secrets) through envFrom, then the env entries.
                Set<String> given = new TreeSet<>();
                boolean fromConfigMap = false;
                for (JsonNode source : container.path("envFrom")) {
                    String prefix = source.path("prefix").asText("");
                    for (String kind : List.of("ConfigMap", "Secret")) {
                        JsonNode reference = source.path(kind.equals("ConfigMap") ? "configMapRef" : "secretRef");
                        if (reference.isMissingNode()) {
                            continue;
                        }
                        Resource referenced = find(resources, kind, reference.path("name").asText());
                        if (referenced == null) {
                            problems.add(where + ": envFrom names " + kind + " " + reference.path("name").asText()
                                    + ", which is not in k8s/");
                            continue;
                        }
                        fromConfigMap |= kind.equals("ConfigMap");
                        String referencedWhere = referenced.where() + " (service " + config.name() + ")";
                        for (String field : List.of("data", "stringData")) {
                            referenced.node().path(field).fields().forEachRemaining(entry -> {
                                String variable = prefix + entry.getKey();
                                given.add(variable);
                                String value = kind.equals("ConfigMap") || field.equals("stringData")
                                        ? entry.getValue().asText() : null;
                                checkVariable(referencedWhere, config, variable, value, kafkaAddresses,
                                        postgresAddresses, counter);
                                if (kind.equals("ConfigMap") && envForm(variable).equals("QUARKUS_DATASOURCE_PASSWORD")) {
                                    problems.add(referencedWhere + ": variable " + variable
                                            + " belongs in the Secret " + DB_SECRET + ", not in a ConfigMap");
                                }
                            });
                        }
                    }
                }
                if (!fromConfigMap) {
                    problems.add(where + ": takes no variables from a ConfigMap through envFrom");
                }
                boolean passwordFromSecret = false;
                for (JsonNode entry : container.path("env")) {
                    String variable = entry.path("name").asText();
                    given.add(variable);
                    JsonNode valueFrom = entry.path("valueFrom");
                    String value = entry.has("value") ? entry.path("value").asText() : null;
                    checkVariable(where, config, variable, value, kafkaAddresses, postgresAddresses, counter);
                    JsonNode secretKey = valueFrom.path("secretKeyRef");
                    if (!secretKey.isMissingNode()) {
                        Resource secret = find(resources, "Secret", secretKey.path("name").asText());
                        String key = secretKey.path("key").asText();
                        if (secret == null) {
                            problems.add(where + ": variable " + variable + " reads Secret "
                                    + secretKey.path("name").asText() + ", which is not in k8s/");
                        } else if (!secret.node().path("data").has(key) && !secret.node().path("stringData").has(key)) {
                            problems.add(where + ": variable " + variable + " reads key " + key + " that "
                                    + secret.where() + " does not have");
                        } else if (envForm(variable).equals("QUARKUS_DATASOURCE_PASSWORD")
                                && secret.name().equals(DB_SECRET)) {
                            passwordFromSecret = true;
                        }
                    }
                }
                if (!passwordFromSecret) {
                    problems.add(where + ": QUARKUS_DATASOURCE_PASSWORD should come from Secret " + DB_SECRET);
                }
                requireVariables(where, given);

                // The Service in front of it.
                Resource service = find(resources, "Service", config.name());
                if (service == null) {
                    problems.add("k8s/: service " + config.name() + ": no Service " + config.name()
                            + " (other services reach it by that name)");
                    continue;
                }
                String serviceWhere = service.where() + " (service " + config.name() + ")";
                if (!selects(service, deployment.node().path("spec").path("template"))) {
                    problems.add(serviceWhere + ": selector " + service.node().path("spec").path("selector")
                            + " does not match the pods of " + deployment.where());
                }
                JsonNode servicePorts = service.node().path("spec").path("ports");
                if (servicePorts.isEmpty()) {
                    problems.add(serviceWhere + ": has no ports");
                }
                for (JsonNode port : servicePorts) {
                    JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
                    Integer resolved = resolvePort(target, container);
                    if (resolved == null || resolved != config.httpPort()) {
                        problems.add(serviceWhere + ": targetPort " + target.asText() + " is not " + config.httpPort()
                                + " (quarkus.http.port)");
                    }
                }
            }
        }

        private void checkProbe(String where, ServiceConfig config, JsonNode container, String probe, String path,
                boolean required) {
            JsonNode httpGet = container.path(probe).path("httpGet");
            if (container.path(probe).isMissingNode()) {
                if (required) {
                    problems.add(where + ": no " + probe + " on " + path);
                }
                return;
            }
            if (!httpGet.path("path").asText().equals(path)) {
                problems.add(where + ": " + probe + " should GET " + path + ", not " + httpGet.path("path").asText());
            }
            Integer port = resolvePort(httpGet.path("port"), container);
            if (port == null || port != config.httpPort()) {
                problems.add(where + ": " + probe + " port " + httpGet.path("port").asText() + " is not "
                        + config.httpPort() + " (quarkus.http.port)");
            }
        }

        /** host:port addresses, by every DNS name in the namespace, of Services in front of a workload running image. */
        private static Set<String> serviceAddresses(List<Resource> resources, String imagePrefix) {
            Set<String> addresses = new TreeSet<>();
            for (Resource service : resources) {
                if (!service.kind().equals("Service")) {
                    continue;
                }
                boolean fronts = resources.stream()
                        .filter(r -> r.kind().equals("StatefulSet") || r.kind().equals("Deployment"))
                        .filter(r -> stream(r.node().path("spec").path("template").path("spec").path("containers"))
                                .anyMatch(c -> c.path("image").asText().startsWith(imagePrefix)))
                        .anyMatch(r -> selects(service, r.node().path("spec").path("template")));
                if (!fronts) {
                    continue;
                }
                for (JsonNode port : service.node().path("spec").path("ports")) {
                    for (String suffix : List.of("", "." + NAMESPACE, "." + NAMESPACE + ".svc",
                            "." + NAMESPACE + ".svc.cluster.local")) {
                        addresses.add(service.name() + suffix + ":" + port.path("port").asText());
                    }
                }
            }
            return addresses;
        }

        private static boolean selects(Resource service, JsonNode podTemplate) {
            JsonNode selector = service.node().path("spec").path("selector");
            if (selector.isEmpty()) {
                return false;
            }
            JsonNode labels = podTemplate.path("metadata").path("labels");
            for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                if (!labels.path(label.getKey()).asText().equals(label.getValue().asText())) {
                    return false;
                }
            }
            return true;
        }

        private static Integer resolvePort(JsonNode port, JsonNode container) {
            if (port.isInt() || port.asText().matches("\\d+")) {
                return Integer.parseInt(port.asText());
            }
            return stream(container.path("ports"))
                    .filter(p -> p.path("name").asText().equals(port.asText()))
                    .map(p -> p.path("containerPort").asInt())
                    .findFirst().orElse(null);
        }

        // ------------------------------------------------------------------------------------------ shared

        private void checkVariable(String where, ServiceConfig config, String variable, String value,
                Set<String> kafkaAddresses, Set<String> postgresAddresses, String counter) {
            checkedVariables.merge(counter, 1, Integer::sum);
            String at = where + ": variable " + variable;
            if (config.propertyFor(variable) == null) {
                problems.add(at + " (property " + toPropertyForm(variable) + ") is not a property of "
                        + config.name() + ": not in its application.properties, service-platform's "
                        + "microprofile-config.properties nor its @ConfigMapping interfaces");
                return;
            }
            if (value == null) {
                return;
            }
            switch (envForm(variable)) {
                case "QUARKUS_HTTP_PORT" -> {
                    if (!value.strip().equals(String.valueOf(config.httpPort()))) {
                        problems.add(at + " is " + value + ", but quarkus.http.port in " + config.name()
                                + "/src/main/resources/application.properties is " + config.httpPort());
                    }
                }
                case "QUARKUS_DATASOURCE_JDBC_URL" -> {
                    JdbcUrl url = JdbcUrl.parse(value);
                    if (url == null) {
                        problems.add(at + " = " + value + " is not a jdbc:postgresql://host:port/database URL");
                    } else {
                        if (!url.database().equals(config.database())) {
                            problems.add(at + " points at database " + url.database() + ", but " + config.name()
                                    + "'s application.properties names database " + config.database());
                        }
                        if (!postgresAddresses.contains(url.host() + ":" + url.port())) {
                            problems.add(at + " points at " + url.host() + ":" + url.port()
                                    + ", which is not the PostgreSQL service " + postgresAddresses);
                        }
                    }
                }
                case "KAFKA_BOOTSTRAP_SERVERS" -> {
                    for (String address : value.split(",")) {
                        String bare = address.strip().replaceFirst("^[A-Za-z_]+://", "");
                        if (!kafkaAddresses.contains(bare)) {
                            problems.add(at + " names " + address.strip()
                                    + ", which is not an address of the kafka service " + kafkaAddresses);
                        }
                    }
                }
                default -> {
                }
            }
        }

        private void requireVariables(String where, Collection<String> given) {
            Set<String> normalised = given.stream().map(DeploymentManifestsTest::envForm).collect(Collectors.toSet());
            for (String required : REQUIRED_VARIABLES) {
                if (!normalised.contains(required)) {
                    problems.add(where + ": variable " + required + " is not set");
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private static void assertNoProblems(ManifestChecker checker) {
        assertThat(checker.problems).withFailMessage(() -> describe(checker.problems)).isEmpty();
    }

    private static String describe(List<String> problems) {
        return problems.size() + " problem(s) in the deployment manifests:\n  " + String.join("\n  ", problems);
    }

    private static Resource find(List<Resource> resources, String kind, String name) {
        return resources.stream()
                .filter(resource -> resource.kind().equals(kind) && resource.name().equals(name))
                .findFirst().orElse(null);
    }

    private static List<Resource> readKubernetes() {
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(DeploymentManifestsTest::isYaml).sorted().toList()) {
                for (JsonNode document : readAll(readString(file))) {
                    if (!document.path("kind").asText().equals("Kustomization")) {
                        resources.add(new Resource(relative(file), document));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(resources).as("Kubernetes resources under %s", K8S).isNotEmpty();
        return resources;
    }

    private static JsonNode readSingle(Path file) {
        List<JsonNode> documents = readAll(readString(file));
        assertThat(documents).as("YAML documents in %s", file).hasSize(1);
        return documents.get(0);
    }

    static List<JsonNode> readAll(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (iterator.hasNextValue()) {
                JsonNode document = iterator.nextValue();
                if (document != null && document.isObject()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static String relative(Path file) {
        return ROOT.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static int parsePort(String text) {
        return text.strip().matches("\\d+") ? Integer.parseInt(text.strip()) : -1;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }
}
