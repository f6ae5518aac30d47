package io.agentfoundry.builder.service;

import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.platform.bundle.BundleArchive;
import io.agentfoundry.platform.messaging.StepFailureException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.SortedMap;

/** Fetches a bundle from the link in {@code CodeGenerated} and checks it is the bundle the event announced. */
@ApplicationScoped
public class BundleDownloader {

    private final HttpClient http;
    private final BuilderConfig config;

    BundleDownloader(BuilderConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.downloadTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @throws StepFailureException when the link is not http(s), the generator has no such bundle, or the bytes do not
     *                              match the announced hash
     * @throws UncheckedIOException when the generator cannot be reached (transient: the step is retried)
     */
    public SortedMap<String, byte[]> download(String bundleUrl, String expectedHash) {
        URI uri;
        try {
            uri = URI.create(bundleUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StepFailureException("INVALID_BUNDLE_URL", "Not a URL: " + bundleUrl);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new StepFailureException("INVALID_BUNDLE_URL", "Bundle URL must be http or https: " + bundleUrl);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(config.downloadTimeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot download the bundle from " + bundleUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while downloading " + bundleUrl, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new StepFailureException("BUNDLE_NOT_FOUND",
                        "Generator answered " + response.statusCode() + " for " + bundleUrl);
            }
            SortedMap<String, byte[]> files;
            try {
                files = BundleArchive.read(body);
            } catch (IllegalArgumentException e) {
                throw new StepFailureException("INVALID_BUNDLE", e.getMessage());
            }
            String actualHash = BundleArchive.contentHash(files);
            if (!actualHash.equals(expectedHash)) {
                throw new StepFailureException("BUNDLE_HASH_MISMATCH",
                        "Bundle content hash is " + actualHash + " but CodeGenerated announced " + expectedHash);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the bundle from " + bundleUrl + " failed", e);
        }
    }
}
