package io.agentfoundry.builder.service;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.builder.testsupport.AgentBundles;
import io.agentfoundry.builder.testsupport.BuilderSettings;
import io.agentfoundry.builder.testsupport.BuilderTopics;
import io.agentfoundry.testinfra.LocalRegistry;
import io.agentfoundry.events.CodeGenerated;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Warm build-and-push time of a generated-style bundle on the offline test runtime, to a local registry: what the
 * build step spends after the download (inspect the base, check its packages, build, push, read the result back),
 * through the service's own {@link AgentImageBuild}. Each build is a new job with a new bundle, so it pushes a new code
 * layer, config and manifest; the base is in the registry and in jib's cache after the first (cold) build.
 *
 * <p>Not a test (surefire does not run it). After {@code runtime-images/offline-test-runtime/build.sh}:
 * <pre>
 * ./mvnw -pl builder-service test-compile org.codehaus.mojo:exec-maven-plugin:3.6.2:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.agentfoundry.builder.service.WarmBuildBenchmark [-Dexec.args="BASE.tar ITERATIONS"]
 * </pre>
 */
public final class WarmBuildBenchmark {

    private static final Path DEFAULT_BASE = Path.of(System.getProperty("user.home"),
            ".cache/agentfoundry/offline-test-runtime/images/offline-test-runtime-amd64.tar");

    public static void main(String[] args) throws Exception {
        Path baseTar = args.length > 0 ? Path.of(args[0]) : DEFAULT_BASE;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        if (!Files.isRegularFile(baseTar)) {
            System.err.println(baseTar + " is missing: run runtime-images/offline-test-runtime/build.sh first");
            System.exit(2);
        }
        try (LocalRegistry registry = LocalRegistry.start(Optional.empty())) {
            ImagePlatform platform = new ImageInspector(BuilderSettings.of(Map.of()))
                    .inspectArchive(baseTar).platforms().iterator().next();
            // as in production, the base is a registry image, pinned by digest
            String base = registry.host() + "/agentfoundry/offline-test-runtime@" + Jib.from(TarImage.at(baseTar))
                    .setPlatforms(Set.of(platform.toJib()))
                    .containerize(Containerizer.to(
                                    RegistryImage.named(registry.host() + "/agentfoundry/offline-test-runtime:benchmark"))
                            .setAllowInsecureRegistries(true))
                    .getDigest();
            BuilderConfig config = BuilderSettings.of(Map.of(
                    "agentfoundry.builder.registry", registry.host(),
                    "agentfoundry.builder.allow-insecure-registries", "true",
                    "agentfoundry.builder.base-image", base,
                    "agentfoundry.builder.require-base-packages", "true",
                    "agentfoundry.builder.platforms", platform.toString(),
                    "agentfoundry.builder.output-dir", Files.createTempDirectory("benchmark-output").toString()));
            AgentImageBuild build = new AgentImageBuild(config, new ImageInspector(config),
                    new BasePackageCheck(config), new RegistryAccess(config, new EcrRegistry(config)),
                    new JibImageBuilder(config));
            ExecutorService threads = Executors.newCachedThreadPool();
            List<String> lastLog = new ArrayList<>();
            BuildLog log = new BuildLog() {
                @Override
                public void info(String message) {
                    lastLog.add(message);
                }

                @Override
                public void warn(String message) {
                    lastLog.add("WARN " + message);
                }
            };

            List<Long> warmMillis = new ArrayList<>();
            for (int i = 0; i <= iterations; i++) {
                lastLog.clear();
                UUID jobId = UUID.randomUUID();
                SortedMap<String, byte[]> bundle = AgentBundles.generatedStyle(AgentBundles.GENERATED_REQUIREMENTS);
                String agent = new String(bundle.get("agent.py"), StandardCharsets.UTF_8) + "# job " + jobId + "\n";
                bundle.put("agent.py", agent.getBytes(StandardCharsets.UTF_8));
                CodeGenerated generated = BuilderTopics.codeGenerated(jobId, "Benchmark_Agent",
                        "http://generator.invalid/bundles/" + i, bundle);
                long start = System.nanoTime();
                build.run(generated, bundle, "agentfoundry/benchmark_agent", jobId.toString(), threads, log);
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (i == 0) {
                    System.out.println("cold build (fills jib's base layer cache): " + millis + " ms");
                } else {
                    warmMillis.add(millis);
                }
            }
            threads.shutdownNow();
            Collections.sort(warmMillis);
            System.out.printf("warm build-and-push on %s (%s), %d builds:"
                            + " min %d ms, median %d ms, p90 %d ms, max %d ms%n",
                    baseTar.getFileName(), platform, warmMillis.size(), warmMillis.get(0),
                    warmMillis.get(warmMillis.size() / 2), warmMillis.get((int) Math.ceil(warmMillis.size() * 0.9) - 1),
                    warmMillis.get(warmMillis.size() - 1));
            System.out.println("last build's log:");
            lastLog.forEach(line -> System.out.println("  " + line));
        }
    }
}
