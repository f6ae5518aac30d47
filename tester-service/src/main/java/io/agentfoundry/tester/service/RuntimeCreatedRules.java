package io.agentfoundry.tester.service;

import java.util.regex.Pattern;

/**
 * The rules of runtime-created.v1.schema.json that the tester enforces before a RuntimeCreated value reaches a host
 * name, a URL or an API call: the event comes from Kafka, where other services may publish it. shared-events exposes
 * no constants for them, so they are stated here once; RuntimeCreatedRulesTest reads the schema from the shared-events
 * jar and fails when the two drift apart.
 */
public final class RuntimeCreatedRules {

    /** {@code region}: it becomes part of the AWS SDK's endpoint host name. */
    public static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]+$");
    public static final int REGION_MAX_LENGTH = 50;

    /** {@code runtimeArn}: the agentRuntimeArn of InvokeAgentRuntime. */
    public static final Pattern RUNTIME_ARN =
            Pattern.compile("^arn:aws[a-z-]*:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:runtime/.+$");
    public static final int RUNTIME_ARN_MAX_LENGTH = 2048;

    /** {@code invocationUrl}: the schema says only {@code format: uri}; the tester also wants http(s) and a host. */
    public static final int INVOCATION_URL_MAX_LENGTH = 2048;

    /** How much of a rejected value a message quotes. */
    private static final int QUOTED = 200;

    private RuntimeCreatedRules() {
    }

    /** Whole-value match within the length limit; null never matches. */
    public static boolean matches(Pattern pattern, int maxLength, String value) {
        return value != null && value.length() <= maxLength && pattern.matcher(value).matches();
    }

    /** {@code name 'value' does not match <pattern> (at most n characters)}, the value cut for the message. */
    public static String mismatch(String name, Pattern pattern, int maxLength, String value) {
        return name + " " + quoted(value) + " does not match " + pattern.pattern() + " (at most " + maxLength
                + " characters)";
    }

    public static String quoted(String value) {
        return "'" + (value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "…") + "'";
    }
}
