package io.agentfoundry.builder.testsupport;

import com.sun.net.httpserver.HttpServer;
import io.agentfoundry.platform.bundle.BundleArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for generator-service's bundle endpoint: each published bundle gets a link of its own. A stalling link
 * sends the headers and half the bundle, then nothing more until the stub is closed.
 */
public final class GeneratorStub implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> archives = new ConcurrentHashMap<>();
    private final AtomicInteger published = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);

    private GeneratorStub(HttpServer server) {
        this.server = server;
    }

    public static GeneratorStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            GeneratorStub stub = new GeneratorStub(server);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/stalling/", exchange -> {
                byte[] archive = stub.archives.get(exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(200, archive.length);
                exchange.getResponseBody().write(archive, 0, archive.length / 2);
                exchange.getResponseBody().flush();
                try {
                    stub.closed.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            server.createContext("/bundles/", exchange -> {
                byte[] archive = stub.archives.get(exchange.getRequestURI().getPath());
                if (archive == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, archive.length);
                    exchange.getResponseBody().write(archive);
                }
                exchange.close();
            });
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the generator stub", e);
        }
    }

    /** @return the bundle's download link */
    public String publish(SortedMap<String, byte[]> bundle) {
        String path = "/bundles/" + published.incrementAndGet();
        archives.put(path, BundleArchive.write(bundle));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** @return a link that sends half the bundle and then stalls */
    public String publishStalling(SortedMap<String, byte[]> bundle) {
        String path = "/stalling/" + published.incrementAndGet();
        archives.put(path, BundleArchive.write(bundle));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
