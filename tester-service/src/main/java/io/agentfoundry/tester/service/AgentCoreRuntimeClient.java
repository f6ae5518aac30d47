package io.agentfoundry.tester.service;

import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.tester.config.TesterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockagentcore.model.InvokeAgentRuntimeResponse;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.AgentRuntimeStatus;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.GetAgentRuntimeResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.agentfoundry.tester.service.RuntimeTransport.isBlank;
import static io.agentfoundry.tester.service.RuntimeTransport.millisSince;

/**
 * An AGENTCORE runtime: healthy once GetAgentRuntime says READY; invoked with InvokeAgentRuntime, signed by the SDK,
 * whose retries also get through throttling. The response's content type says whether the answer is JSON or a stream.
 */
@ApplicationScoped
class AgentCoreRuntimeClient implements RuntimeTransport {

    private static final String DEFAULT_QUALIFIER = "DEFAULT";
    private static final String ACCEPT = "application/json, text/event-stream";
    private static final Set<AgentRuntimeStatus> CANNOT_BECOME_READY = EnumSet.of(AgentRuntimeStatus.CREATE_FAILED,
            AgentRuntimeStatus.UPDATE_FAILED, AgentRuntimeStatus.DELETING);

    private final AgentCoreClients clients;
    private final TesterConfig config;

    AgentCoreRuntimeClient(AgentCoreClients clients, TesterConfig config) {
        this.clients = clients;
        this.config = config;
    }

    @Override
    public List<String> missingFields(RuntimeCreated runtime) {
        List<String> missing = new ArrayList<>();
        if (isBlank(runtime.runtimeId())) {
            missing.add("runtimeId");
        }
        if (isBlank(runtime.runtimeArn())) {
            missing.add("runtimeArn");
        }
        if (isBlank(runtime.region())) {
            missing.add("region");
        }
        return missing;
    }

    @Override
    public String endpoint(RuntimeCreated runtime) {
        return runtime.runtimeArn() + " (endpoint " + qualifier(runtime) + ")";
    }

    @Override
    public Health awaitHealthy(RuntimeCreated runtime, Instant deadline) throws InterruptedException {
        long start = System.nanoTime();
        String lastProblem;
        while (true) {
            try {
                GetAgentRuntimeResponse described = clients.control(runtime.region())
                        .getAgentRuntime(request -> request.agentRuntimeId(runtime.runtimeId()));
                String state = "runtime " + runtime.runtimeId() + " version " + described.agentRuntimeVersion() + " is "
                        + described.statusAsString();
                if (described.status() == AgentRuntimeStatus.READY) {
                    return new Health(true, state, described.statusAsString(), millisSince(start));
                }
                if (CANNOT_BECOME_READY.contains(described.status())) {
                    String reason = described.failureReason() == null ? "no reason given" : described.failureReason();
                    return new Health(false, state + ": " + reason, reason, millisSince(start));
                }
                lastProblem = state;
            } catch (AwsServiceException e) {
                if (e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException()) {
                    return new Health(false, "GetAgentRuntime was refused: " + describe(e), null, millisSince(start));
                }
                lastProblem = "GetAgentRuntime failed: " + describe(e);
            } catch (SdkClientException e) {
                lastProblem = "GetAgentRuntime failed: " + e.getMessage();
            }
            if (Instant.now().plus(config.healthPollInterval()).isAfter(deadline)) {
                return new Health(false, lastProblem, null, millisSince(start));
            }
            Thread.sleep(config.healthPollInterval().toMillis());
        }
    }

    @Override
    public Answer invoke(RuntimeCreated runtime, String prompt, String sessionId, Duration timeout) {
        long start = System.nanoTime();
        try (ResponseInputStream<InvokeAgentRuntimeResponse> answer = clients.dataPlane(runtime.region())
                .invokeAgentRuntime(request -> request
                        .agentRuntimeArn(runtime.runtimeArn())
                        .qualifier(qualifier(runtime))
                        .runtimeSessionId(sessionId)
                        .contentType("application/json")
                        .accept(ACCEPT)
                        .payload(SdkBytes.fromUtf8String(Json.prompt(prompt)))
                        .overrideConfiguration(call -> call.apiCallTimeout(timeout)))) {
            String body = Answer.read(answer);
            return Answer.of(answer.response().sdkHttpResponse().statusCode(), answer.response().contentType(), body,
                    millisSince(start));
        } catch (AwsServiceException e) {
            String body = e.awsErrorDetails() == null || e.awsErrorDetails().rawResponse() == null ? ""
                    : e.awsErrorDetails().rawResponse().asString(StandardCharsets.UTF_8);
            return new Answer(e.statusCode(), null, "", describe(e), body, millisSince(start));
        } catch (SdkClientException | IOException e) {
            return Answer.none(e.toString(), millisSince(start));
        }
    }

    /** The runtime endpoint the event names; DEFAULT, the endpoint every runtime has, when it names none. */
    static String qualifier(RuntimeCreated runtime) {
        return isBlank(runtime.qualifier()) ? DEFAULT_QUALIFIER : runtime.qualifier();
    }

    private static String describe(AwsServiceException e) {
        return e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
}
