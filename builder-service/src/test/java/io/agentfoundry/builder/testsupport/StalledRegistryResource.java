package io.agentfoundry.builder.testsupport;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A registry that accepts connections and never answers, so that every push hangs: what a build past its deadline
 * looks like. The deadline is short here ({@value #BUILD_TIMEOUT}); the base is scratch, with nothing to check.
 */
public class StalledRegistryResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUILD_TIMEOUT = "6s";

    private HttpServer server;
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try {
                    released.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            server.start();
            return Map.of(
                    "agentfoundry.builder.registry", "127.0.0.1:" + server.getAddress().getPort(),
                    "agentfoundry.builder.allow-insecure-registries", "true",
                    "agentfoundry.builder.base-image", "scratch",
                    "agentfoundry.builder.require-base-packages", "false",
                    "agentfoundry.builder.build-timeout", BUILD_TIMEOUT,
                    "agentfoundry.builder.download-timeout", "5s",
                    "agentfoundry.builder.output-dir", Files.createTempDirectory("builder-output").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        released.countDown();
        server.stop(0);
    }
}
