package io.agentfoundry.tester.service.agentcore;

import io.agentfoundry.tester.service.judging.Answer;
import io.agentfoundry.tester.service.judging.Json;
import io.agentfoundry.tester.service.RuntimeCreatedRules;
import io.agentfoundry.tester.service.RuntimeTransport;

import io.agentfoundry.agentcore.AgentCoreErrors;
import io.agentfoundry.agentcore.ReadyStates;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.tester.config.TesterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockagentcore.model.InvokeAgentRuntimeResponse;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.AgentRuntimeEndpointStatus;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.AgentRuntimeStatus;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.GetAgentRuntimeEndpointResponse;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.GetAgentRuntimeResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.agentfoundry.tester.service.RuntimeTransport.isBlank;
import static io.agentfoundry.tester.service.RuntimeTransport.millisSince;

/**
 * An AGENTCORE runtime: healthy once GetAgentRuntime says the event's version is READY (and a pinned endpoint serves
 * it); invoked with InvokeAgentRuntime, signed by the SDK,
 * whose retries also get through throttling. The response's content type says whether the answer is JSON or a stream.
 */
@ApplicationScoped
class AgentCoreRuntimeClient implements RuntimeTransport {

    private static final String ACCEPT = "application/json, text/event-stream";
    private static final Duration MIN_CALL_TIMEOUT = Duration.ofSeconds(1);

    private final AgentCoreClients clients;
    private final TesterConfig config;

    AgentCoreRuntimeClient(AgentCoreClients clients, TesterConfig config) {
        this.clients = clients;
        this.config = config;
    }

    @Override
    public DeployTarget target() {
        return DeployTarget.AGENTCORE;
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

    /** The region becomes part of the SDK's endpoint host name, the ARN part of the request: both as in the schema. */
    @Override
    public List<String> invalidFields(RuntimeCreated runtime) {
        List<String> invalid = new ArrayList<>();
        if (!RuntimeCreatedRules.matches(RuntimeCreatedRules.REGION, RuntimeCreatedRules.REGION_MAX_LENGTH,
                runtime.region())) {
            invalid.add(RuntimeCreatedRules.mismatch("region", RuntimeCreatedRules.REGION,
                    RuntimeCreatedRules.REGION_MAX_LENGTH, runtime.region()));
        }
        if (!RuntimeCreatedRules.matches(RuntimeCreatedRules.RUNTIME_ARN, RuntimeCreatedRules.RUNTIME_ARN_MAX_LENGTH,
                runtime.runtimeArn())) {
            invalid.add(RuntimeCreatedRules.mismatch("runtimeArn", RuntimeCreatedRules.RUNTIME_ARN,
                    RuntimeCreatedRules.RUNTIME_ARN_MAX_LENGTH, runtime.runtimeArn()));
        }
        return invalid;
    }

    @Override
    public String endpoint(RuntimeCreated runtime) {
        return runtime.runtimeArn() + " (endpoint " + qualifier(runtime) + ")";
    }

    /**
     * Healthy once GetAgentRuntime says the event's version (the latest when the event names none) is READY and, for a
     * pinned endpoint (not DEFAULT), GetAgentRuntimeEndpoint says the endpoint is READY serving that version: a later
     * job of the same agent may have moved the endpoint on, and this job's test must not judge its version.
     */
    @Override
    public Health awaitHealthy(RuntimeCreated runtime, Instant deadline) throws InterruptedException {
        long start = System.nanoTime();
        String lastProblem;
        while (true) {
            Probe probe = probe(runtime, callTimeout(deadline));
            if (probe.outcome() != null) {
                return new Health(probe.outcome(), probe.detail(), probe.excerpt(), millisSince(start));
            }
            lastProblem = probe.detail();
            if (Instant.now().plus(config.healthPollInterval()).isAfter(deadline)) {
                return new Health(false, lastProblem, null, millisSince(start));
            }
            Thread.sleep(config.healthPollInterval().toMillis());
        }
    }

    /**
     * One look at the runtime (and its pinned endpoint).
     *
     * @param outcome healthy or not for good; null while it may still become ready
     */
    private record Probe(Boolean outcome, String detail, String excerpt) {
    }

    private Probe probe(RuntimeCreated runtime, Duration callTimeout) {
        String version = isBlank(runtime.runtimeVersion()) ? null : runtime.runtimeVersion();
        GetAgentRuntimeResponse described;
        try {
            described = clients.control(runtime.region())
                    .getAgentRuntime(request -> request.agentRuntimeId(runtime.runtimeId())
                            .agentRuntimeVersion(version)
                            .overrideConfiguration(call -> call.apiCallTimeout(callTimeout)));
        } catch (AwsServiceException | SdkClientException e) {
            return failedCall("GetAgentRuntime", e, "");
        }
        String state = "runtime " + runtime.runtimeId() + " version " + described.agentRuntimeVersion() + " is "
                + described.statusAsString();
        if (ReadyStates.RUNTIME_CANNOT_BECOME_READY.contains(described.status())) {
            String reason = ReadyStates.reason(described.failureReason());
            return new Probe(false, state + ": " + reason, reason);
        }
        if (described.status() != AgentRuntimeStatus.READY) {
            return new Probe(null, state, null);
        }
        String qualifier = qualifier(runtime);
        if (RuntimeCreated.DEFAULT_QUALIFIER.equals(qualifier)) {
            return new Probe(true, state, described.statusAsString());
        }
        GetAgentRuntimeEndpointResponse endpoint;
        try {
            endpoint = clients.control(runtime.region())
                    .getAgentRuntimeEndpoint(request -> request.agentRuntimeId(runtime.runtimeId())
                            .endpointName(qualifier)
                            .overrideConfiguration(call -> call.apiCallTimeout(callTimeout)));
        } catch (AwsServiceException | SdkClientException e) {
            return failedCall("GetAgentRuntimeEndpoint", e, state + "; ");
        }
        String endpointState = "endpoint " + qualifier + " is " + endpoint.statusAsString() + " serving version "
                + endpoint.liveVersion();
        if (ReadyStates.ENDPOINT_CANNOT_BECOME_READY.contains(endpoint.status())) {
            String reason = ReadyStates.reason(endpoint.failureReason());
            return new Probe(false, state + "; " + endpointState + ": " + reason, reason);
        }
        if (endpoint.status() != AgentRuntimeEndpointStatus.READY) {
            return new Probe(null, state + "; " + endpointState
                    + (endpoint.targetVersion() == null ? "" : " (target version " + endpoint.targetVersion() + ")"),
                    null);
        }
        if (version != null && !version.equals(endpoint.liveVersion())) {
            return new Probe(false, state + "; " + endpointState + ", not this job's version " + version
                    + ": another deployment moved the endpoint on", endpoint.statusAsString());
        }
        return new Probe(true, state + "; " + endpointState, endpoint.statusAsString());
    }

    /** A control-plane call may take what is left of the health wait, and at least a second. */
    private static Duration callTimeout(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.compareTo(MIN_CALL_TIMEOUT) < 0 ? MIN_CALL_TIMEOUT : left;
    }

    /** A refusal (4xx but throttling) is final; a throttled, failed or timed-out call is tried again. */
    private static Probe failedCall(String operation, RuntimeException e, String before) {
        if (e instanceof AwsServiceException service) {
            boolean refused = AgentCoreErrors.isRefusal(service);
            return new Probe(refused ? Boolean.FALSE : null,
                    before + operation + (refused ? " was refused: " : " failed: ") + AgentCoreErrors.describe(service), null);
        }
        return new Probe(null, before + operation + " failed: " + e.getMessage(), null);
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
            return new Answer(e.statusCode(), null, "", AgentCoreErrors.describe(e), body, millisSince(start));
        } catch (SdkClientException | IOException e) {
            return Answer.none(e.toString(), millisSince(start));
        }
    }

    /** The runtime endpoint the event names; DEFAULT, the endpoint every runtime has, when it names none. */
    static String qualifier(RuntimeCreated runtime) {
        return isBlank(runtime.qualifier()) ? RuntimeCreated.DEFAULT_QUALIFIER : runtime.qualifier();
    }

}
