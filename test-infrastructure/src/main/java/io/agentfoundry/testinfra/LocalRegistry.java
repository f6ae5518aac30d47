package io.agentfoundry.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Debian's {@code docker-registry} (the distribution registry 2.8) as a process on 127.0.0.1 and a free port, storing
 * into a temporary directory, optionally behind basic authentication. Its HTTP API is how tests see what was pushed.
 */
public final class LocalRegistry implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    /** For {@code @EnabledIf}: tests that need the registry are skipped, with {@link #NOT_INSTALLED}, without it. */
    public static final String INSTALLED = "io.agentfoundry.testinfra.LocalRegistry#installed";
    public static final String NOT_INSTALLED = "Debian's docker-registry (/usr/bin/docker-registry) is not installed:"
            + " run scripts/install-prerequisites.sh";
    private static final String MANIFEST_TYPES = String.join(",",
            "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRegistry shared;

    /**
     * @param htpasswdLine {@code user:bcrypt-hash}, as {@code htpasswd -nbB user password} prints it
     */
    public record BasicLogin(String username, String password, String htpasswdLine) {
    }

    private final Process process;
    private final Path directory;
    private final int port;
    private final Optional<BasicLogin> login;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LocalRegistry(Process process, Path directory, int port, Optional<BasicLogin> login) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.login = login;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** One registry without authentication for the whole test JVM. */
    public static synchronized LocalRegistry shared() {
        if (shared == null) {
            shared = start(Optional.empty());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-registry-shutdown"));
        }
        return shared;
    }

    public static LocalRegistry start(Optional<BasicLogin> login) {
        try {
            Path directory = Files.createTempDirectory("local-registry");
            int port = FreePorts.find();
            StringBuilder config = new StringBuilder("""
                    version: 0.1
                    log:
                      level: warn
                    storage:
                      filesystem:
                        rootdirectory: %s
                    http:
                      addr: 127.0.0.1:%d
                    """.formatted(directory.resolve("data"), port));
            if (login.isPresent()) {
                Files.writeString(directory.resolve("htpasswd"), login.get().htpasswdLine() + "\n");
                config.append("""
                        auth:
                          htpasswd:
                            realm: local-registry
                            path: %s
                        """.formatted(directory.resolve("htpasswd")));
            }
            Files.writeString(directory.resolve("config.yml"), config);
            Process process = new ProcessBuilder(BINARY.toString(), "serve", directory.resolve("config.yml").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("registry.log").toFile())
                    .start();
            LocalRegistry registry = new LocalRegistry(process, directory, port, login);
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + BINARY, e);
        }
    }

    /** {@code 127.0.0.1:<port>}, as image references name it. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public JsonNode manifest(String repository, String reference) {
        return readJson(get("/v2/" + repository + "/manifests/" + reference, MANIFEST_TYPES));
    }

    /** The digest the registry serves a tag (or digest) as: its {@code Docker-Content-Digest}. */
    public String digestOf(String repository, String reference) {
        HttpResponse<byte[]> response = send("/v2/" + repository + "/manifests/" + reference, MANIFEST_TYPES);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(repository + ":" + reference + " answered " + response.statusCode());
        }
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    public byte[] blob(String repository, String digest) {
        return get("/v2/" + repository + "/blobs/" + digest, "*/*");
    }

    public JsonNode blobJson(String repository, String digest) {
        return readJson(blob(repository, digest));
    }

    public List<String> tags(String repository) {
        HttpResponse<byte[]> response = send("/v2/" + repository + "/tags/list", "application/json");
        List<String> tags = new ArrayList<>();
        if (response.statusCode() == 200) {
            readJson(response.body()).path("tags").forEach(tag -> tags.add(tag.asText()));
        }
        return tags;
    }

    @Override
    public void close() {
        process.destroy();
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private static JsonNode readJson(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("The registry answered with something other than JSON", e);
        }
    }

    private byte[] get(String path, String accept) {
        HttpResponse<byte[]> response = send(path, accept);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private HttpResponse<byte[]> send(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host() + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(20));
        login.ifPresent(user -> request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user.username() + ":" + user.password()).getBytes(StandardCharsets.UTF_8))));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(BINARY + " exited: " + Files.readString(directory.resolve("registry.log")));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (ConnectException notYet) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException(BINARY + " did not answer on " + host());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
