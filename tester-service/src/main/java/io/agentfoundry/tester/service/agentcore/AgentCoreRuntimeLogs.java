package io.agentfoundry.tester.service.agentcore;

import io.agentfoundry.tester.service.RuntimeLogs;

import io.agentfoundry.agentcore.AgentCoreErrors;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.RuntimeCreated;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatchlogs.model.AccessDeniedException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static io.agentfoundry.tester.service.RuntimeTransport.isBlank;

/**
 * AGENTCORE runtimes: what the runtime logged during the test window, read from CloudWatch Logs with FilterLogEvents.
 * <p>
 * AgentCore writes a runtime endpoint's logs to the log group {@code /aws/bedrock-agentcore/runtimes/<agentRuntimeId>-
 * <endpointName>} (the container's output in {@code [runtime-logs]} streams, OpenTelemetry logs in
 * {@code otel-rt-logs}); every runtime has the endpoint DEFAULT. Sources: the AWS CDK reference,
 * {@code IBedrockAgentRuntime.applicationLogGroup}, "the CloudWatch Logs application log group for the default endpoint
 * of this runtime, located at /aws/bedrock-agentcore/runtimes/{agentRuntimeId}-DEFAULT"
 * (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_bedrockagentcore.IBedrockAgentRuntime.html), and AWS's
 * starter toolkit, {@code get_agent_log_paths(agent_id, endpoint_name)} in aws/bedrock-agentcore-starter-toolkit
 * (src/bedrock_agentcore_starter_toolkit/utils/runtime/logs.py), which names the group
 * {@code /aws/bedrock-agentcore/runtimes/{agent_id}-{endpoint_name}}, endpoint_name defaulting to DEFAULT.
 * <p>
 * The tester's credentials need {@code logs:FilterLogEvents} on that group. Reading never fails the run: a log group not
 * there yet, a refused or failed request becomes a line of text in the report instead of the logs.
 */
@ApplicationScoped
class AgentCoreRuntimeLogs implements RuntimeLogs {

    static final String LOG_GROUP_PREFIX = "/aws/bedrock-agentcore/runtimes/";
    /** Events kept, the last ones: more than the report keeps, so that its tail is whole. Also the size of a page. */
    static final int MAX_EVENTS = 500;
    /** Pages read at most; a window with more events loses its last ones, and the text says so. */
    static final int MAX_PAGES = 20;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private final AgentCoreClients clients;

    AgentCoreRuntimeLogs(AgentCoreClients clients) {
        this.clients = clients;
    }

    static String logGroup(RuntimeCreated runtime) {
        return LOG_GROUP_PREFIX + runtime.runtimeId() + "-" + AgentCoreRuntimeClient.qualifier(runtime);
    }

    @Override
    public DeployTarget target() {
        return DeployTarget.AGENTCORE;
    }

    @Override
    public Optional<String> read(RuntimeCreated runtime, Instant from, Instant to) {
        if (isBlank(runtime.runtimeId()) || isBlank(runtime.region())) {
            return Optional.of("runtime logs: not read: the event names no runtime id or region");
        }
        String group = logGroup(runtime);
        Deque<FilteredLogEvent> kept = new ArrayDeque<>();
        String stoppedBecause = null;
        String token = null;
        int pages = 0;
        // all pages together within the budget: the reading runs in the step's transaction, after the run
        Instant deadline = Instant.now().plus(READ_BUDGET);
        do {
            Duration left = Duration.between(Instant.now(), deadline);
            if (pages == MAX_PAGES || left.isNegative() || left.isZero()) {
                stoppedBecause = "runtime logs: stopped after " + pages + " pages of " + group
                        + "; the later events of the test window were not read";
                break;
            }
            String pageToken = token;
            FilterLogEventsResponse page;
            try {
                page = clients.logs(runtime.region()).filterLogEvents(request -> request
                        .logGroupName(group)
                        .startTime(from.toEpochMilli())
                        .endTime(to.toEpochMilli())
                        .limit(MAX_EVENTS)
                        .nextToken(pageToken)
                        .overrideConfiguration(call -> call.apiCallTimeout(left)));
            } catch (AwsServiceException | SdkClientException e) {
                stoppedBecause = problem(e, group, runtime.region());
                break;
            }
            pages++;
            for (FilteredLogEvent event : page.events()) {
                if (kept.size() == MAX_EVENTS) {
                    kept.removeFirst();
                }
                kept.addLast(event);
            }
            token = isBlank(page.nextToken()) ? null : page.nextToken();
        } while (token != null);

        List<String> lines = new ArrayList<>();
        kept.stream().sorted(Comparator.comparing(FilteredLogEvent::timestamp, Comparator.nullsFirst(Long::compare)))
                .map(AgentCoreRuntimeLogs::line)
                .forEach(lines::add);
        if (lines.isEmpty() && stoppedBecause == null) {
            lines.add("runtime logs: no events in " + group + " between " + TIMESTAMP.format(from) + " and "
                    + TIMESTAMP.format(to) + " (CloudWatch may take a few seconds to show the latest)");
        }
        if (stoppedBecause != null) {
            lines.add(stoppedBecause);
        }
        return Optional.of(String.join("\n", lines));
    }

    /** {@code <ISO timestamp> <message>}; the message's own line break goes. */
    private static String line(FilteredLogEvent event) {
        String time = event.timestamp() == null ? "-" : TIMESTAMP.format(Instant.ofEpochMilli(event.timestamp()));
        String message = event.message() == null ? "" : event.message().stripTrailing();
        return time + " " + message;
    }

    private static String problem(RuntimeException e, String group, String region) {
        if (e instanceof ResourceNotFoundException) {
            return "runtime logs: no log group " + group + " in " + region + " yet: AgentCore creates it when the"
                    + " runtime first logs (its execution role needs logs:CreateLogGroup, logs:CreateLogStream and"
                    + " logs:PutLogEvents on it)";
        }
        if (e instanceof AwsServiceException service && isAccessDenied(service)) {
            return "runtime logs: access denied to " + group + " in " + region + " (" + AgentCoreErrors.describe(service)
                    + "): the tester's credentials need logs:FilterLogEvents on it";
        }
        if (e instanceof AwsServiceException service) {
            return "runtime logs: FilterLogEvents on " + group + " in " + region + " failed: " + AgentCoreErrors.describe(service);
        }
        return "runtime logs: FilterLogEvents on " + group + " in " + region + " failed: " + e.getMessage();
    }

    private static boolean isAccessDenied(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e instanceof AccessDeniedException || e.statusCode() == 403
                || (code != null && code.startsWith("AccessDenied"));
    }

}
