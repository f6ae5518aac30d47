package io.agentfoundry.builder.service;

import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.platform.bundle.BundleArchive;
import io.agentfoundry.platform.domain.Failure;
import jakarta.enterprise.context.ApplicationScoped;

import io.agentfoundry.platform.http.BoundedHttp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
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
     * @throws Failure when the link is not http(s), the generator has no such bundle, the bundle does not
     *                              arrive whole within the download timeout or is larger than the cap, or the bytes
     *                              do not match the announced hash
     * @throws UncheckedIOException when the generator cannot be reached (transient: the step is retried)
     */
    public SortedMap<String, byte[]> download(String bundleUrl, String expectedHash) {
        URI uri;
        try {
            uri = URI.create(bundleUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Failure("INVALID_BUNDLE_URL", "Not a URL: " + bundleUrl);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new Failure("INVALID_BUNDLE_URL", "Bundle URL must be http or https: " + bundleUrl);
        }
        BoundedHttp.Response response;
        try {
            response = BoundedHttp.read(http, HttpRequest.newBuilder(uri).GET().build(), config.downloadTimeout(),
                    config.maxBundleSize(), BoundedHttp.Overflow.FAIL);
        } catch (HttpTimeoutException e) {
            throw new Failure("BUNDLE_DOWNLOAD_TIMEOUT", "The bundle did not arrive whole from "
                    + bundleUrl + " within " + config.downloadTimeout() + " (agentfoundry.builder.download-timeout)",
                    true, e);
        } catch (BoundedHttp.ResponseTooLargeException e) {
            throw new Failure("BUNDLE_TOO_LARGE", "The bundle at " + bundleUrl + " is larger than "
                    + config.maxBundleSize() + " bytes (agentfoundry.builder.max-bundle-size)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot download the bundle from " + bundleUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while downloading " + bundleUrl, e);
        }
        if (response.status() != 200) {
            throw new Failure("BUNDLE_NOT_FOUND", "Generator answered " + response.status() + " for "
                    + bundleUrl);
        }
        SortedMap<String, byte[]> files;
        try {
            files = BundleArchive.read(new ByteArrayInputStream(response.body()));
        } catch (IllegalArgumentException e) {
            throw new Failure("INVALID_BUNDLE", e.getMessage());
        }
        String actualHash = BundleArchive.contentHash(files);
        if (!actualHash.equals(expectedHash)) {
            throw new Failure("BUNDLE_HASH_MISMATCH",
                    "Bundle content hash is " + actualHash + " but CodeGenerated announced " + expectedHash);
        }
        return files;
    }
}
