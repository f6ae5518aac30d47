package io.agentfoundry.agentcore;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentCoreErrorsTest {

    static AwsServiceException answered(int status, String code) {
        return AwsServiceException.builder().statusCode(status).message("raw " + code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("said " + code).build())
                .build();
    }

    @Test
    void aRefusalIsA4xxOtherThanThrottling() {
        assertThat(AgentCoreErrors.isRefusal(answered(400, "ValidationException"))).isTrue();
        assertThat(AgentCoreErrors.isRefusal(answered(403, "AccessDeniedException"))).isTrue();
        assertThat(AgentCoreErrors.isRefusal(answered(429, "ThrottlingException"))).isFalse();
        assertThat(AgentCoreErrors.isRefusal(answered(500, "InternalServerException"))).isFalse();
        assertThat(AgentCoreErrors.isRefusal(answered(503, "ServiceUnavailableException"))).isFalse();
    }

    @Test
    void describesWithAgentCoresCodeAndMessageWhenItGaveThem() {
        assertThat(AgentCoreErrors.describe(answered(400, "ValidationException")))
                .isEqualTo("ValidationException: said ValidationException");
        assertThat(AgentCoreErrors.describe(AwsServiceException.builder().statusCode(502).message("bad gateway")
                .build())).startsWith("bad gateway");
    }

    @Test
    void whilePollingThrottlingServerErrorsAndIoAreLookedPastAndTheRestIsThrown() {
        assertThat(AgentCoreErrors.transientOrRethrow("GetAgentRuntime", answered(429, "ThrottlingException")))
                .isEqualTo("GetAgentRuntime failed: ThrottlingException: said ThrottlingException (HTTP 429)");
        assertThat(AgentCoreErrors.transientOrRethrow("GetAgentRuntime", answered(500, "InternalServerException")))
                .contains("(HTTP 500)");
        assertThat(AgentCoreErrors.transientOrRethrow("GetAgentRuntime",
                SdkClientException.create("Connection refused"))).isEqualTo("GetAgentRuntime failed: Connection refused");
        AwsServiceException refused = answered(403, "AccessDeniedException");
        assertThatThrownBy(() -> AgentCoreErrors.transientOrRethrow("GetAgentRuntime", refused)).isSameAs(refused);
    }

    @Test
    void tellsMissingCredentialsAndRegionFromOtherClientFailures() {
        assertThat(AgentCoreErrors.missingSetting(SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain")))
                .contains(AgentCoreErrors.MissingSetting.CREDENTIALS);
        assertThat(AgentCoreErrors.missingSetting(SdkClientException.create("Unable to load region from any of the "
                + "providers in the chain"))).contains(AgentCoreErrors.MissingSetting.REGION);
        assertThat(AgentCoreErrors.missingSetting(SdkClientException.create("Connection refused"))).isEmpty();
    }
}
