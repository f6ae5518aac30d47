package io.agentfoundry.agentcore;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Objects;
import java.util.Optional;

/** What an AWS SDK failure of an AgentCore call means, for whoever decides to fail, retry or keep waiting. */
public final class AgentCoreErrors {

    /** A setting the SDK could not find, so that no call can be made until it is configured. */
    public enum MissingSetting { CREDENTIALS, REGION }

    private AgentCoreErrors() {
    }

    /** {@code ErrorCode: message} as AgentCore states it, else the SDK's own message. */
    public static String describe(AwsServiceException e) {
        return e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }

    /**
     * A 4xx other than throttling (an invalid request, access denied, a quota): asking again gets the same answer.
     * Throttling and 5xx are worth another try.
     */
    public static boolean isRefusal(AwsServiceException e) {
        return e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException();
    }

    /** The setting a client-side failure says is missing: no credentials, or no region, anywhere the SDK looks. */
    public static Optional<MissingSetting> missingSetting(SdkClientException e) {
        String message = Objects.toString(e.getMessage(), "");
        if (message.contains("Unable to load credentials")) {
            return Optional.of(MissingSetting.CREDENTIALS);
        }
        if (message.contains("Unable to load region")) {
            return Optional.of(MissingSetting.REGION);
        }
        return Optional.empty();
    }

    /**
     * While polling: a failure a later poll may outlast (I/O, throttling, a server error left after the SDK's
     * attempts), described for a log line and a final timeout; anything else (a refusal, not found) is thrown as it is.
     */
    public static String transientOrRethrow(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            if (!service.isThrottlingException() && service.statusCode() < 500) {
                throw service;
            }
            return operation + " failed: " + describe(service) + " (HTTP " + service.statusCode() + ")";
        }
        if (e instanceof SdkClientException) {
            return operation + " failed: " + e.getMessage();
        }
        throw e;
    }
}
