package io.agentfoundry.deployer.service;

import io.agentfoundry.agentcore.AgentCoreErrors;
import io.agentfoundry.agentcore.AgentCoreSdk;
import io.agentfoundry.agentcore.ReadyStates;
import io.agentfoundry.agentcore.StatusPoller;
import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.platform.domain.Failure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentcorecontrol.BedrockAgentCoreControlClient;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.AgentRuntime;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.AgentRuntimeArtifact;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.AgentRuntimeEndpointStatus;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.AgentRuntimeStatus;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.ConflictException;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.ContainerConfiguration;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.CreateAgentRuntimeResponse;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.GetAgentRuntimeEndpointResponse;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.GetAgentRuntimeResponse;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.NetworkConfiguration;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.NetworkMode;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.ProtocolConfiguration;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.ServerProtocol;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.UpdateAgentRuntimeResponse;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.VpcConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Amazon Bedrock AgentCore Runtime as a deploy target. The first job of an agent creates its agent runtime (named
 * after the agent); each later job updates that runtime, which makes a new version. Every request is idempotent per
 * job (its clientToken is derived from the job id), so a redelivered event or a retried step never makes a second
 * runtime or version. The deployment is placed once the version is READY, and, when an endpoint name is configured,
 * once that endpoint serves the version. A job cancelled meanwhile stops the wait (see {@link #abandon}).
 */
@ApplicationScoped
public class AgentCoreTarget implements RuntimeTarget {

    private static final Logger LOG = Logger.getLogger(AgentCoreTarget.class);
    private static final Duration CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final DeployerConfig.AgentCore config;
    private BedrockAgentCoreControlClient client;
    private Region region;

    public AgentCoreTarget(DeployerConfig config) {
        this.config = config.agentcore();
    }

    @Override
    public DeployTarget target() {
        return DeployTarget.AGENTCORE;
    }

    @Override
    public RuntimePlacement deploy(ImageBuilt image, Optional<Deployment> current, DeployContext context) {
        Consumer<String> progress = context::progress;
        Settings settings = settingsFor(image);
        BedrockAgentCoreControlClient agentCore = client();
        Instant deadline = Instant.now().plus(config.readyTimeout());
        if (!settings.name().equals(image.spec().name())) {
            progress.accept("AgentCore runtime name for agent " + image.spec().name() + ": " + settings.name());
        }

        RuntimeVersion version = current.map(previous -> updateOrRecreate(agentCore, previous.runtimeId, settings,
                        progress))
                .orElseGet(() -> createOrAdopt(agentCore, settings, progress));
        if (version.createdByThisJob()) {
            // recorded at once: if this attempt never finishes, the runtime is still known, and removed
            context.made(version.id());
        }
        String qualifier = RuntimeCreated.DEFAULT_QUALIFIER;
        Optional<String> endpoint = config.endpointName().filter(name -> !name.isBlank())
                .filter(name -> !RuntimeCreated.DEFAULT_QUALIFIER.equals(name));
        try {
            awaitRuntimeReady(agentCore, version, settings.name(), new Backoff(deadline, context), progress);
            if (endpoint.isPresent()) {
                pinEndpoint(agentCore, version, settings, endpoint.get(), image.jobId(),
                        new Backoff(deadline, context), progress);
                qualifier = endpoint.get();
            }
        } catch (Cancelled cancelled) {
            throw abandon(version, settings, progress);
        }
        return new RuntimePlacement(version.id(), AgentCoreNames.invocationUrl(region.id(), version.arn(), qualifier),
                version.arn(), version.version(), qualifier, region.id());
    }

    @Override
    public void remove(Deployment deployment, Consumer<String> progress) {
        String runtime = "AgentCore runtime " + deployment.runtimeId + " of job " + deployment.jobId;
        try {
            BedrockAgentCoreControlClient agentCore = client();
            call("DeleteAgentRuntime", () -> agentCore.deleteAgentRuntime(request -> request
                    .agentRuntimeId(deployment.runtimeId)
                    .clientToken(AgentCoreNames.clientToken(deployment.jobId, "delete"))));
            LOG.infof("Deleting AgentCore runtime %s of job %s", deployment.runtimeId, deployment.jobId);
            progress.accept("Deleting AgentCore runtime " + deployment.runtimeId
                    + " with all its versions and endpoints");
        } catch (ResourceNotFoundException gone) {
            LOG.infof("AgentCore runtime %s of job %s was already gone", deployment.runtimeId, deployment.jobId);
            progress.accept("AgentCore runtime " + deployment.runtimeId + " was already gone");
        } catch (Failure e) {
            // not configured (region, credentials, attempts), or the request refused
            throw new TeardownFailedException("Could not delete " + runtime + ": " + e.getMessage(),
                    "AGENTCORE_NOT_CONFIGURED".equals(e.errorCode()), e);
        } catch (AwsServiceException e) {
            throw new TeardownFailedException("Could not delete " + runtime + ": AgentCore answered DeleteAgentRuntime "
                    + "with " + AgentCoreErrors.describe(e) + " (HTTP " + e.statusCode() + ")", false, e);
        } catch (SdkClientException e) {
            throw new TeardownFailedException("Could not delete " + runtime + ": AgentCore could not be reached: "
                    + e.getMessage(), true, e);
        }
    }

    @Override
    public Reconciled reconcile(Deployment deployment, Consumer<String> progress) {
        try {
            BedrockAgentCoreControlClient agentCore = client();
            call("GetAgentRuntime", () -> agentCore.getAgentRuntime(request -> request
                    .agentRuntimeId(deployment.runtimeId)));
            return Reconciled.running(deployment.runtimeId);
        } catch (ResourceNotFoundException gone) {
            return Reconciled.lost("AgentCore no longer knows runtime " + deployment.runtimeId + " ("
                    + AgentCoreErrors.describe(gone) + ")");
        } catch (RuntimeException e) {
            return Reconciled.unknown("AgentCore could not tell: " + e.getMessage());
        }
    }

    /**
     * Stops deploying for a cancelled job; returns the step's outcome. A runtime this job created was reported through
     * {@link DeployContext#made} and is deleted by the deployment that gives up on it. An updated runtime is the agent's,
     * shared with its active deployment, so it is left alone: its new version still becomes READY (and DEFAULT serves it
     * then; a pinned endpoint moves only if pinning had begun), which the agent's next job replaces.
     */
    private static Failure abandon(RuntimeVersion version, Settings settings, Consumer<String> progress) {
        String runtime = "AgentCore runtime " + settings.name() + " (" + version.id() + ")";
        if (!version.createdByThisJob()) {
            progress.accept("Stopped waiting for " + runtime + " version " + version.version() + ": the job was "
                    + "cancelled; the runtime is the agent's, so it is left as it is");
            return DeployContext.cancelledWhile(runtime + " was being updated to version " + version.version()
                    + "; the runtime was left as it is");
        }
        return DeployContext.cancelledWhile(runtime + " was being created");
    }

    /** The preconditions, checked before any call: a failure here says what to configure. */
    private Settings settingsFor(ImageBuilt image) {
        String roleArn = config.roleArn().filter(role -> !role.isBlank()).orElseThrow(() ->
                new Failure("AGENTCORE_NOT_CONFIGURED", "The AGENTCORE target needs the IAM role its "
                        + "runtimes run as: set agentfoundry.deployer.agentcore.role-arn (a role that trusts "
                        + "bedrock-agentcore.amazonaws.com and may pull from ECR)"));
        NetworkConfiguration network = network();
        String containerUri = AgentCoreNames.containerUri(image);
        AgentCoreNames.requireArm64(image.platforms());
        return new Settings(AgentCoreNames.runtimeName(image.spec().name()), containerUri, roleArn, network,
                Map.copyOf(config.environment()), "Agent Foundry: agent " + image.spec().name() + ", job "
                + image.jobId(), AgentCoreNames.clientToken(image.jobId()));
    }

    /** PUBLIC, or VPC in the configured subnets with the configured security groups (both required). */
    private NetworkConfiguration network() {
        NetworkMode networkMode = NetworkMode.fromValue(config.networkMode());
        List<String> subnets = nonBlank(config.subnets());
        List<String> securityGroups = nonBlank(config.securityGroups());
        if (networkMode == NetworkMode.PUBLIC) {
            // subnets without VPC would most likely be a forgotten network-mode: refuse rather than run on the internet
            if (!subnets.isEmpty() || !securityGroups.isEmpty()) {
                throw new Failure("AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.subnets "
                        + "and security-groups apply to network-mode VPC only, but network-mode is PUBLIC: set "
                        + "agentfoundry.deployer.agentcore.network-mode=VPC, or unset them");
            }
            return NetworkConfiguration.builder().networkMode(NetworkMode.PUBLIC).build();
        }
        if (networkMode != NetworkMode.VPC) {
            throw new Failure("AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.network-mode "
                    + "must be PUBLIC or VPC, not " + config.networkMode());
        }
        if (subnets.isEmpty() || securityGroups.isEmpty()) {
            throw new Failure("AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.network-mode "
                    + "VPC needs at least one subnet and one security group: set "
                    + "agentfoundry.deployer.agentcore.subnets (" + (subnets.isEmpty() ? "unset" : subnets) + ") and "
                    + "agentfoundry.deployer.agentcore.security-groups (" + (securityGroups.isEmpty() ? "unset"
                    : securityGroups) + "), comma-separated IDs such as subnet-0abc12 and sg-0abc12");
        }
        return NetworkConfiguration.builder().networkMode(NetworkMode.VPC)
                .networkModeConfig(VpcConfig.builder().subnets(subnets).securityGroups(securityGroups).build())
                .build();
    }

    private static List<String> nonBlank(Optional<List<String>> values) {
        return values.orElse(List.of()).stream().map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    private RuntimeVersion createOrAdopt(BedrockAgentCoreControlClient agentCore, Settings settings,
                                         Consumer<String> progress) {
        CreateAgentRuntimeResponse created;
        try {
            created = call("CreateAgentRuntime", () -> agentCore.createAgentRuntime(request -> request
                    .agentRuntimeName(settings.name())
                    .agentRuntimeArtifact(settings.artifact())
                    .roleArn(settings.roleArn())
                    .networkConfiguration(settings.network())
                    .protocolConfiguration(settings.protocol())
                    .environmentVariables(settings.environmentOrNull())
                    .description(settings.description())
                    .clientToken(settings.clientToken())));
        } catch (ConflictException conflict) {
            AgentRuntime existing = findByName(agentCore, settings.name()).orElseThrow(() ->
                    new Failure("RUNTIME_CONFLICT", "AgentCore refused to create runtime "
                            + settings.name() + " (" + AgentCoreErrors.describe(conflict) + ") and lists no runtime of that name",
                            true, conflict));
            LOG.infof("AgentCore runtime %s (%s) exists without a deployment of ours: updating it", settings.name(),
                    existing.agentRuntimeId());
            progress.accept("AgentCore runtime " + settings.name() + " (" + existing.agentRuntimeId()
                    + ") already exists, created outside this deployer's records: updating it to a new version");
            return update(agentCore, existing.agentRuntimeId(), settings, progress);
        }
        progress.accept("Created AgentCore runtime " + settings.name() + " (" + created.agentRuntimeId() + ")");
        progress.accept(statusLine(settings.name(), created.statusAsString(), created.agentRuntimeVersion()));
        return new RuntimeVersion(created.agentRuntimeId(), created.agentRuntimeArn(), created.agentRuntimeVersion(),
                created.statusAsString(), true);
    }

    private RuntimeVersion updateOrRecreate(BedrockAgentCoreControlClient agentCore, String runtimeId,
                                            Settings settings, Consumer<String> progress) {
        try {
            return update(agentCore, runtimeId, settings, progress);
        } catch (ResourceNotFoundException gone) {
            LOG.infof("AgentCore runtime %s no longer exists: creating %s anew", runtimeId, settings.name());
            progress.accept("AgentCore runtime " + runtimeId + " no longer exists: creating a new one");
            return createOrAdopt(agentCore, settings, progress);
        }
    }

    private RuntimeVersion update(BedrockAgentCoreControlClient agentCore, String runtimeId, Settings settings,
                                  Consumer<String> progress) {
        UpdateAgentRuntimeResponse updated;
        try {
            updated = call("UpdateAgentRuntime", () -> agentCore.updateAgentRuntime(request -> request
                    .agentRuntimeId(runtimeId)
                    .agentRuntimeArtifact(settings.artifact())
                    .roleArn(settings.roleArn())
                    .networkConfiguration(settings.network())
                    .protocolConfiguration(settings.protocol())
                    .environmentVariables(settings.environmentOrNull())
                    .description(settings.description())
                    .clientToken(settings.clientToken())));
        } catch (ConflictException busy) {
            throw new Failure("RUNTIME_CONFLICT", "AgentCore refused to update runtime " + settings.name()
                    + " (" + runtimeId + "): " + AgentCoreErrors.describe(busy), true, busy);
        }
        progress.accept("Updating AgentCore runtime " + settings.name() + " (" + runtimeId + ") to version "
                + updated.agentRuntimeVersion());
        progress.accept(statusLine(settings.name(), updated.statusAsString(), updated.agentRuntimeVersion()));
        return new RuntimeVersion(updated.agentRuntimeId() == null ? runtimeId : updated.agentRuntimeId(),
                updated.agentRuntimeArn(), updated.agentRuntimeVersion(), updated.statusAsString(), false);
    }

    private Optional<AgentRuntime> findByName(BedrockAgentCoreControlClient agentCore, String name) {
        return call("ListAgentRuntimes", () -> agentCore.listAgentRuntimesPaginator(request -> request.maxResults(100))
                .agentRuntimes().stream()
                .filter(runtime -> name.equals(runtime.agentRuntimeName()))
                .findFirst());
    }

    private void awaitRuntimeReady(BedrockAgentCoreControlClient agentCore, RuntimeVersion version, String name,
                                   Backoff backoff, Consumer<String> progress) {
        String runtime = "AgentCore runtime " + name + " (" + version.id() + ")";
        StatusPoller.Outcome outcome = StatusPoller.await("GetAgentRuntime",
                "AgentCore runtime " + name + " version " + version.version(), version.status(), backoff, () -> {
                    GetAgentRuntimeResponse described;
                    try {
                        described = call("GetAgentRuntime", () -> agentCore.getAgentRuntime(request -> request
                                .agentRuntimeId(version.id()).agentRuntimeVersion(version.version())));
                    } catch (ResourceNotFoundException gone) {
                        throw new Failure("RUNTIME_FAILED", runtime + " version " + version.version()
                                + " disappeared while it was being deployed", false, gone);
                    }
                    AgentRuntimeStatus status = described.status();
                    String line = statusLine(name, described.statusAsString(), version.version());
                    if (status == AgentRuntimeStatus.DELETING) {
                        return StatusPoller.Look.ending(described.statusAsString(), line,
                                new Failure("RUNTIME_FAILED", runtime + " is being deleted"));
                    }
                    if (ReadyStates.RUNTIME_CANNOT_BECOME_READY.contains(status)) {
                        return StatusPoller.Look.ending(described.statusAsString(), line, new Failure("RUNTIME_FAILED",
                                runtime + " version " + version.version() + " is " + described.statusAsString() + ": "
                                        + ReadyStates.reason(described.failureReason())));
                    }
                    return StatusPoller.Look.of(described.statusAsString(), line, status == AgentRuntimeStatus.READY);
                }, progress);
        if (!outcome.reached()) {
            throw new Failure("RUNTIME_NOT_READY", runtime + " version " + version.version() + " was not READY within "
                    + human(config.readyTimeout()) + " (last status " + outcome.lastStatus() + ")", true, null);
        }
    }

    /** Points the named endpoint at the new version (creating it the first time) and waits until it serves it. */
    private void pinEndpoint(BedrockAgentCoreControlClient agentCore, RuntimeVersion version, Settings settings,
                             String endpoint, UUID jobId, Backoff backoff, Consumer<String> progress) {
        String token = AgentCoreNames.clientToken(jobId, "endpoint");
        boolean exists;
        try {
            call("GetAgentRuntimeEndpoint", () -> agentCore.getAgentRuntimeEndpoint(request -> request
                    .agentRuntimeId(version.id()).endpointName(endpoint)));
            exists = true;
        } catch (ResourceNotFoundException missing) {
            exists = false;
        }
        if (!exists) {
            try {
                call("CreateAgentRuntimeEndpoint", () -> agentCore.createAgentRuntimeEndpoint(request -> request
                        .agentRuntimeId(version.id()).name(endpoint).agentRuntimeVersion(version.version())
                        .description(settings.description()).clientToken(token)));
                progress.accept("Created AgentCore endpoint " + endpoint + " of runtime " + settings.name()
                        + " for version " + version.version());
            } catch (ConflictException createdMeanwhile) {
                exists = true;
            }
        }
        if (exists) {
            try {
                call("UpdateAgentRuntimeEndpoint", () -> agentCore.updateAgentRuntimeEndpoint(request -> request
                        .agentRuntimeId(version.id()).endpointName(endpoint).agentRuntimeVersion(version.version())
                        .description(settings.description()).clientToken(token)));
            } catch (ConflictException busy) {
                throw new Failure("RUNTIME_CONFLICT", "AgentCore refused to point endpoint " + endpoint
                        + " of runtime " + settings.name() + " at version " + version.version() + ": "
                        + AgentCoreErrors.describe(busy), true, busy);
            }
            progress.accept("Pointing AgentCore endpoint " + endpoint + " of runtime " + settings.name()
                    + " at version " + version.version());
        }

        String where = "AgentCore endpoint " + endpoint + " of runtime " + settings.name();
        StatusPoller.Outcome outcome = StatusPoller.await("GetAgentRuntimeEndpoint", where, null, backoff, () -> {
            GetAgentRuntimeEndpointResponse state = call("GetAgentRuntimeEndpoint", () -> agentCore
                    .getAgentRuntimeEndpoint(request -> request.agentRuntimeId(version.id()).endpointName(endpoint)));
            AgentRuntimeEndpointStatus status = state.status();
            String line = where + " is " + state.statusAsString() + " (live version " + state.liveVersion()
                    + ", target version " + state.targetVersion() + ")";
            if (status == AgentRuntimeEndpointStatus.DELETING) {
                return StatusPoller.Look.ending(state.statusAsString(), line,
                        new Failure("ENDPOINT_FAILED", where + " is being deleted"));
            }
            if (ReadyStates.ENDPOINT_CANNOT_BECOME_READY.contains(status)) {
                return StatusPoller.Look.ending(state.statusAsString(), line, new Failure("ENDPOINT_FAILED",
                        where + " is " + state.statusAsString() + ": " + ReadyStates.reason(state.failureReason())));
            }
            return StatusPoller.Look.of(state.statusAsString(), line,
                    status == AgentRuntimeEndpointStatus.READY && version.version().equals(state.liveVersion()));
        }, progress);
        if (!outcome.reached()) {
            throw new Failure("RUNTIME_NOT_READY", where + " did not serve version " + version.version() + " within "
                    + human(config.readyTimeout()) + " (last status " + outcome.lastStatus() + ")", true, null);
        }
    }

    /** {@code 15m}, {@code 5s}, {@code 1h30m}. */
    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }

    private static String statusLine(String name, String status, String version) {
        return "AgentCore runtime " + name + " is " + status + " (version " + version + ")";
    }

    /**
     * A refusal (a 4xx other than throttling: invalid request, access denied, quota) fails the step, and so do missing
     * credentials; throttling, server errors and I/O failures the SDK could not retry away propagate, so that the step
     * is tried again (or, while polling, the next poll). Conflict and not-found are left to the caller, which knows
     * what they mean.
     */
    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConflictException | ResourceNotFoundException expected) {
            throw expected;
        } catch (AwsServiceException e) {
            if (AgentCoreErrors.isRefusal(e)) {
                throw new Failure("AGENTCORE_REQUEST_REFUSED", "AgentCore refused " + operation + ": "
                        + AgentCoreErrors.describe(e), false, e);
            }
            throw e;
        } catch (SdkClientException e) {
            Optional<AgentCoreErrors.MissingSetting> missing = AgentCoreErrors.missingSetting(e);
            if (missing.isEmpty()) {
                throw e;
            }
            throw new Failure("AGENTCORE_NOT_CONFIGURED", switch (missing.get()) {
                case CREDENTIALS -> "No AWS credentials for AgentCore (" + operation + "): give the deployer "
                        + "credentials the AWS SDK's default chain finds (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                        + "AWS_PROFILE, web identity, or a container or instance role). The SDK said: " + e.getMessage();
                case REGION -> "No AWS region for AgentCore (" + operation + "): set "
                        + "agentfoundry.deployer.agentcore.region (or AWS_REGION). The SDK said: " + e.getMessage();
            }, false, e);
        }
    }

    /** The control-plane client, built on first use: a deployer that never deploys to AgentCore needs no region. */
    private synchronized BedrockAgentCoreControlClient client() {
        if (client == null) {
            Region resolved = AgentCoreSdk.region(config.region()).orElseThrow(() -> new Failure(
                    "AGENTCORE_NOT_CONFIGURED", "No AWS region for AgentCore: set agentfoundry.deployer.agentcore.region "
                    + "(or AWS_REGION)"));
            if (config.maxAttempts() < 1) {
                throw new Failure("AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.max-attempts "
                        + "must be at least 1 (1: no retries), not " + config.maxAttempts());
            }
            // every call ends: an attempt within 30 s, all its attempts within two minutes
            client = AgentCoreSdk.control(resolved, config.endpointOverride(), CALL_ATTEMPT_TIMEOUT,
                    AgentCoreSdk.bounded(config.maxAttempts(), CALL_ATTEMPT_TIMEOUT, CALL_TIMEOUT));
            region = resolved;
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }

    /** What the create and update requests carry. */
    private record Settings(String name, String containerUri, String roleArn, NetworkConfiguration network,
                            Map<String, String> environment, String description, String clientToken) {

        /** Null (not sent) when there are none. */
        Map<String, String> environmentOrNull() {
            return environment.isEmpty() ? null : environment;
        }

        AgentRuntimeArtifact artifact() {
            return AgentRuntimeArtifact.fromContainerConfiguration(ContainerConfiguration.builder()
                    .containerUri(containerUri).build());
        }

        ProtocolConfiguration protocol() {
            return ProtocolConfiguration.builder().serverProtocol(ServerProtocol.HTTP).build();
        }
    }

    /** @param createdByThisJob made by this job's CreateAgentRuntime, not an update of the agent's runtime */
    private record RuntimeVersion(String id, String arn, String version, String status, boolean createdByThisJob) {
    }

    /** The job was cancelled during a wait. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /**
     * Waits between polls: the initial interval, doubling up to the maximum, never past the deadline; throws
     * {@link Cancelled} within half a second of a cancellation, however long the interval.
     */
    private final class Backoff implements StatusPoller.Pause {
        private final Instant deadline;
        private final DeployContext context;
        private Duration next = config.pollInitialInterval();

        Backoff(Instant deadline, DeployContext context) {
            this.deadline = deadline;
            this.context = context;
        }

        /** Sleeps until the next poll; false once the deadline has passed. */
        @Override
        public boolean next() {
            Duration remaining = Duration.between(Instant.now(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                return false;
            }
            Duration wait = next.compareTo(remaining) < 0 ? next : remaining;
            next = next.multipliedBy(2);
            if (next.compareTo(config.pollMaxInterval()) > 0) {
                next = config.pollMaxInterval();
            }
            try {
                if (context.cancelledWithin(wait)) {
                    throw new Cancelled();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new Failure("RUNTIME_NOT_READY", "Interrupted while waiting for AgentCore", true,
                        interrupted);
            }
            return true;
        }
    }
}
