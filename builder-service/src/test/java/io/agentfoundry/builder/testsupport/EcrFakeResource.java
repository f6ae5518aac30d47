package io.agentfoundry.builder.testsupport;

import io.agentfoundry.testinfra.LocalRegistry;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Amazon ECR, offline: a WireMock fake of ECR's JSON API (CreateRepository, GetAuthorizationToken) and, as the ECR
 * registry host, a local registry that only accepts the password GetAuthorizationToken hands out. The base image
 * comes from the shared (anonymous) local registry. Both platforms are built, as a multi-arch index: the multi-arch
 * test shares this app, one Quarkus boot fewer for the module.
 */
public class EcrFakeResource implements QuarkusTestResourceLifecycleManager {

    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    /** A repository that exists before the first push: CreateRepository answers RepositoryAlreadyExistsException. */
    public static final String EXISTING_REPOSITORY = "agentfoundry/existing_agent";
    public static final LocalRegistry.BasicLogin ECR_LOGIN = new LocalRegistry.BasicLogin("AWS",
            "ecr-fake-registry-password",
            // htpasswd -nbB AWS ecr-fake-registry-password
            "AWS:$2y$05$c0/hxjIrwYFUim7NS4Gv7e0BxqXsllcK0NN0QQQTUw.0TzpQDLusq");

    private static WireMockServer ecrApi;
    private static LocalRegistry ecrRegistry;

    public static WireMockServer ecrApi() {
        return ecrApi;
    }

    public static LocalRegistry ecrRegistry() {
        return ecrRegistry;
    }

    @Override
    public Map<String, String> start() {
        ecrRegistry = LocalRegistry.start(Optional.of(ECR_LOGIN));
        ecrApi = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        ecrApi.start();
        String token = Base64.getEncoder().encodeToString(
                (ECR_LOGIN.username() + ":" + ECR_LOGIN.password()).getBytes(StandardCharsets.UTF_8));
        ecrApi.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "GetAuthorizationToken"))
                .willReturn(json(200, """
                        {"authorizationData": [{"authorizationToken": "%s", "expiresAt": %d,
                          "proxyEndpoint": "https://%s"}]}""".formatted(token,
                        Instant.now().plusSeconds(12 * 3600).getEpochSecond(), ecrRegistry.host()))));
        ecrApi.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "CreateRepository"))
                .willReturn(json(200, """
                        {"repository": {"repositoryName": "created", "imageTagMutability": "IMMUTABLE"}}""")));
        ecrApi.stubFor(post("/").withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "CreateRepository"))
                .withRequestBody(matchingJsonPath("$.repositoryName", equalTo(EXISTING_REPOSITORY)))
                .atPriority(1)
                .willReturn(json(400, """
                        {"__type": "RepositoryAlreadyExistsException",
                         "message": "The repository with name 'agentfoundry/existing_agent' already exists"}""")));
        // the SDK signs with whatever its default chain finds; system properties come first in that chain
        System.setProperty("aws.accessKeyId", "AKIDFAKEFORTESTS");
        System.setProperty("aws.secretAccessKey", "fake-secret-for-tests");
        // jib sends credentials over plain HTTP only when told: the fake ECR registry is http://127.0.0.1
        System.setProperty("sendCredentialsOverHttp", "true");
        try {
            return Map.of(
                    "agentfoundry.builder.registry", ecrRegistry.host(),
                    "agentfoundry.builder.ecr.enabled", "true",
                    "agentfoundry.builder.ecr.region", "us-east-1",
                    "agentfoundry.builder.ecr.endpoint-override", ecrApi.baseUrl(),
                    "agentfoundry.builder.allow-insecure-registries", "true",
                    "agentfoundry.builder.base-image", TestRuntimeBase.pushTo(LocalRegistry.shared()),
                    "agentfoundry.builder.require-base-packages", "true",
                    "agentfoundry.builder.platforms", "linux/arm64,linux/amd64",
                    "agentfoundry.builder.output-dir", Files.createTempDirectory("builder-output").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    @Override
    public void stop() {
        System.clearProperty("sendCredentialsOverHttp");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        ecrApi.stop();
        ecrRegistry.close();
    }
}
