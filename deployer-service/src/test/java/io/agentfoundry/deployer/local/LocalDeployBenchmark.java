package io.agentfoundry.deployer.local;

import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.deployer.service.DeployContext;
import io.agentfoundry.deployer.service.LocalContainerTarget;
import io.agentfoundry.deployer.service.RuntimeTarget.RuntimePlacement;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.testinfra.LocalRegistry;
import io.agentfoundry.testinfra.PodmanEngine;
import io.agentfoundry.testinfra.TestImages;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How long the LOCAL target takes from ImageBuilt to a runtime answering /ping Healthy, through the service's own
 * {@link LocalContainerTarget} on a real Podman engine: pull (cold the first time, cached after), create, start, wait
 * for uvicorn; then how long tear-down takes. The image is a FastAPI app on the offline test runtime.
 *
 * <p>Not a test (surefire does not run it). After {@code runtime-images/offline-test-runtime/build.sh}:
 * <pre>
 * ./mvnw -pl deployer-service test-compile org.codehaus.mojo:exec-maven-plugin:3.6.2:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.agentfoundry.deployer.local.LocalDeployBenchmark [-Dexec.args="ITERATIONS"]
 * </pre>
 */
public final class LocalDeployBenchmark {

    private static final String SERVER = """
            from fastapi import FastAPI

            app = FastAPI()


            @app.get("/ping")
            def ping():
                return {"status": "Healthy"}
            """;

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (LocalRegistry registry = LocalRegistry.start(Optional.empty());
             PodmanEngine engine = PodmanEngine.start(List.of(registry.host()))) {
            TestImages.Pushed image = TestImages.push(registry, "benchmark/ping-agent", "1",
                    Map.of("agentcore_server.py", SERVER),
                    List.of("python3", "-m", "uvicorn", "agentcore_server:app", "--host", "0.0.0.0", "--port", "8080"));
            DeployerConfig config = new SmallRyeConfigBuilder()
                    .withMapping(DeployerConfig.class)
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .withDefaultValue("agentfoundry.deployer.local.engine-host", engine.host())
                    .build()
                    .getConfigMapping(DeployerConfig.class);
            LocalContainerTarget target = new LocalContainerTarget(config);
            List<Long> ready = new ArrayList<>();
            List<Long> removed = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                ImageBuilt built = new ImageBuilt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                        Instant.now(), 1, Instant.now(),
                        new AgentSpec("ping_agent", null, "prompt", "bedrock/nova-pro", List.of(), List.of()),
                        image.reference(), image.digest(), List.of(image.platform()), "sha256:" + "0".repeat(64));
                long start = System.nanoTime();
                RuntimePlacement placed = target.deploy(built, Optional.empty(),
                        DeployContext.uncancellable(line -> { }));
                ready.add((System.nanoTime() - start) / 1_000_000);
                Deployment deployment = new Deployment();
                deployment.runtimeId = placed.runtimeId();
                start = System.nanoTime();
                target.remove(deployment, line -> { });
                removed.add((System.nanoTime() - start) / 1_000_000);
            }
            System.out.printf("LOCAL deploy to Healthy, first (pulls the image): %d ms%n", ready.get(0));
            List<Long> warm = ready.subList(1, ready.size());
            System.out.printf("LOCAL deploy to Healthy, warm: median %d ms, p90 %d ms, max %d ms (%d runs)%n",
                    percentile(warm, 50), percentile(warm, 90), percentile(warm, 100), warm.size());
            System.out.printf("tear-down: median %d ms, p90 %d ms%n", percentile(removed, 50), percentile(removed, 90));
            target.close();
        }
    }

    /** Nearest rank. */
    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
