package io.agentfoundry.builder;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agentfoundry.builder.testsupport.AgentBundles;
import io.agentfoundry.builder.testsupport.BuilderTopics;
import io.agentfoundry.builder.testsupport.EcrFakeResource;
import io.agentfoundry.builder.testsupport.GeneratorStub;
import io.agentfoundry.testinfra.LocalRegistry;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SortedMap;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushing to ECR, against a fake of its API and a registry that only takes the password ECR hands out. Shares its app
 * (and fake) with {@link MultiArchBuildTest}, so each check here counts requests for its own repositories only.
 */
@QuarkusTest
@EnabledIf(value = LocalRegistry.INSTALLED, disabledReason = LocalRegistry.NOT_INSTALLED)
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "builder"))
@WithTestResource(EcrFakeResource.class)
class EcrPushTest {

    private static final Duration BUILD_WAIT = Duration.ofSeconds(60);

    @Test
    void createsTheRepositoryOnceWithImmutableTagsAndPushesWithTheTokensCredentials() throws Exception {
        WireMockServer ecrApi = EcrFakeResource.ecrApi();
        LocalRegistry ecrRegistry = EcrFakeResource.ecrRegistry();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID intoExisting = UUID.randomUUID();
        SortedMap<String, byte[]> bundle = AgentBundles.generatedStyle(AgentBundles.GENERATED_REQUIREMENTS);
        try (BuilderTopics topics = new BuilderTopics(); GeneratorStub generator = GeneratorStub.start()) {
            String link = generator.publish(bundle);
            topics.publish(BuilderTopics.codeGenerated(first, "Ecr_Agent", link, bundle));
            ImageBuilt firstBuilt = topics.awaitImageBuilt(first, 1, BUILD_WAIT);
            topics.publish(BuilderTopics.codeGenerated(second, "Ecr_Agent", link, bundle));
            ImageBuilt secondBuilt = topics.awaitImageBuilt(second, 1, BUILD_WAIT);
            topics.publish(BuilderTopics.codeGenerated(intoExisting, "Existing_Agent", link, bundle));
            topics.awaitImageBuilt(intoExisting, 1, BUILD_WAIT);

            assertThat(firstBuilt.imageReference()).isEqualTo(ecrRegistry.host() + "/agentfoundry/ecr_agent:" + first);
            assertThat(ecrRegistry.digestOf("agentfoundry/ecr_agent", first.toString())).isEqualTo(firstBuilt.digest());
            assertThat(ecrRegistry.digestOf("agentfoundry/ecr_agent", second.toString()))
                    .isEqualTo(secondBuilt.digest());
            assertThat(ecrRegistry.tags(EcrFakeResource.EXISTING_REPOSITORY)).containsExactly(intoExisting.toString());
            assertThat(topics.logLines(intoExisting))
                    .contains("ECR repository " + EcrFakeResource.EXISTING_REPOSITORY + " exists");
        }

        // one CreateRepository per repository, however many images go into it, each asking for immutable tags
        ecrApi.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(EcrFakeResource.TARGET_PREFIX + "CreateRepository"))
                .withRequestBody(matchingJsonPath("$.repositoryName", equalTo("agentfoundry/ecr_agent")))
                .withRequestBody(matchingJsonPath("$.imageTagMutability", equalTo("IMMUTABLE"))));
        ecrApi.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(EcrFakeResource.TARGET_PREFIX + "CreateRepository"))
                .withRequestBody(matchingJsonPath("$.repositoryName", equalTo(EcrFakeResource.EXISTING_REPOSITORY))));
        // the token is fetched once, kept until shortly before it expires, and the requests are signed
        ecrApi.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(EcrFakeResource.TARGET_PREFIX + "GetAuthorizationToken"))
                .withHeader("Authorization",
                        matching("AWS4-HMAC-SHA256 Credential=AKIDFAKEFORTESTS/.*/us-east-1/ecr/.*")));

        // the pushes above could only succeed with the token's password: the registry refuses anyone else
        URI tagList = URI.create("http://" + ecrRegistry.host() + "/v2/agentfoundry/ecr_agent/tags/list");
        HttpResponse<Void> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(tagList).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
