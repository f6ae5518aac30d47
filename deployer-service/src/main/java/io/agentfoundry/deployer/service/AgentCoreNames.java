package io.agentfoundry.deployer.service;

import io.agentfoundry.events.Sha256;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.platform.domain.Failure;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the AGENTCORE target derives from a job before it calls AgentCore: the runtime name, the idempotency tokens,
 * the image by digest, the invocation URL, and the checks that the image can run there at all. Pure functions.
 */
public final class AgentCoreNames {

    /** AgentCore's rule for agentRuntimeName (and endpoint names). */
    public static final Pattern RUNTIME_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
    public static final int MAX_RUNTIME_NAME_LENGTH = 48;
    /** AgentCore's rule for clientToken, with its length limits of 33 to 256. */
    public static final Pattern CLIENT_TOKEN = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}");
    public static final int MIN_CLIENT_TOKEN_LENGTH = 33;
    public static final int MAX_CLIENT_TOKEN_LENGTH = 256;
    /** The platform AgentCore runs containers on; it runs no other. */
    public static final String ARM64 = "linux/arm64";

    /** An ECR registry host: {@code <account>.dkr.ecr.<region>.amazonaws.com}. */
    private static final Pattern ECR_HOST =
            Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9]+");
    private static final String NAME_PREFIX = "agent_";
    private static final int HASH_LENGTH = 8;

    private AgentCoreNames() {
    }

    /**
     * The agent runtime name for a spec name. A name AgentCore accepts is used as it is. Any other (too long, with
     * characters AgentCore refuses, not starting with a letter) keeps its valid characters, starts with a letter, is
     * cut so that it fits, and ends with {@code _} and 8 hex digits of the original name's SHA-256: two names that
     * differ only in what was cut or dropped still get different runtimes, and a name always maps to the same runtime.
     */
    public static String runtimeName(String specName) {
        String original = specName == null ? "" : specName;
        if (RUNTIME_NAME.matcher(original).matches()) {
            return original;
        }
        StringBuilder kept = new StringBuilder();
        original.codePoints().filter(AgentCoreNames::allowed).forEach(kept::appendCodePoint);
        if (kept.isEmpty() || !isAsciiLetter(kept.charAt(0))) {
            kept.insert(0, NAME_PREFIX);
        }
        String suffix = "_" + Sha256.hex(original).substring(0, HASH_LENGTH);
        int room = MAX_RUNTIME_NAME_LENGTH - suffix.length();
        if (kept.length() > room) {
            kept.setLength(room);
        }
        return kept + suffix;
    }

    /**
     * The idempotency token of the job's CreateAgentRuntime or UpdateAgentRuntime: the job id (36 characters). A
     * redelivered event, a retried step or a restarted deployer sends the same token, so AgentCore answers with the
     * runtime or version it already made instead of making another.
     */
    public static String clientToken(UUID jobId) {
        return checkedToken(jobId.toString());
    }

    /** The job's idempotency token for another kind of request ({@code endpoint}, {@code delete}). */
    public static String clientToken(UUID jobId, String purpose) {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("Token purpose must be lowercase letters and digits: " + purpose);
        }
        return checkedToken(jobId + "-" + purpose);
    }

    /**
     * The image by digest, {@code <registry>/<repository>@sha256:...}, when it is in ECR: AgentCore pulls from nowhere
     * else, and a tag could be moved between the build and the pull.
     *
     * @throws Failure {@code IMAGE_NOT_IN_ECR} for a {@code docker-archive:} tar or another registry
     */
    public static String containerUri(ImageBuilt image) {
        String reference = image.imageReference() == null ? "" : image.imageReference();
        if (reference.startsWith(ImageBuilt.DOCKER_ARCHIVE)) {
            throw new Failure("IMAGE_NOT_IN_ECR", "AgentCore pulls images from Amazon ECR only, but this "
                    + "image is a docker-archive tar on the builder's disk (" + reference + "): set "
                    + "agentfoundry.builder.registry to an ECR registry (<account>.dkr.ecr.<region>.amazonaws.com) "
                    + "so that the builder pushes the image there");
        }
        int slash = reference.indexOf('/');
        String host = slash < 0 ? "" : reference.substring(0, slash);
        if (!ECR_HOST.matcher(host).matches()) {
            throw new Failure("IMAGE_NOT_IN_ECR", "AgentCore pulls images from Amazon ECR only "
                    + "(<account>.dkr.ecr.<region>.amazonaws.com/<repository>), but this image is " + reference
                    + ": set agentfoundry.builder.registry to an ECR registry");
        }
        String repository = reference.substring(slash + 1);
        int at = repository.indexOf('@');
        if (at >= 0) {
            repository = repository.substring(0, at);
        }
        int colon = repository.lastIndexOf(':');
        if (colon > repository.lastIndexOf('/')) {
            repository = repository.substring(0, colon);
        }
        if (repository.isEmpty()) {
            throw new Failure("IMAGE_NOT_IN_ECR", "The ECR image reference " + reference
                    + " names no repository");
        }
        return host + "/" + repository + "@" + image.digest();
    }

    /**
     * @throws Failure {@code IMAGE_NOT_ARM64} unless the image has a linux/arm64 variant
     */
    public static void requireArm64(List<String> platforms) {
        boolean arm64 = platforms.stream().anyMatch(platform -> Platforms.osArch(platform).equals(ARM64));
        if (!arm64) {
            throw new Failure("IMAGE_NOT_ARM64", "AgentCore runs linux/arm64 images only, but this image "
                    + "was built for " + (platforms.isEmpty() ? "no recorded platform" : String.join(", ", platforms))
                    + ": include linux/arm64 in agentfoundry.builder.platforms");
        }
    }

    /**
     * The data plane's InvokeAgentRuntime URL:
     * {@code https://bedrock-agentcore.<region>.amazonaws.com/runtimes/<URL-encoded ARN>/invocations?qualifier=<q>}.
     * Only SigV4-signed requests (or OAuth, when configured) are accepted there.
     */
    public static String invocationUrl(String region, String runtimeArn, String qualifier) {
        String dnsSuffix = runtimeArn.startsWith("arn:aws-cn:") ? "amazonaws.com.cn" : "amazonaws.com";
        return "https://bedrock-agentcore." + region + "." + dnsSuffix + "/runtimes/" + encode(runtimeArn)
                + "/invocations?qualifier=" + encode(qualifier);
    }

    private static String checkedToken(String token) {
        if (token.length() < MIN_CLIENT_TOKEN_LENGTH || token.length() > MAX_CLIENT_TOKEN_LENGTH
                || !CLIENT_TOKEN.matcher(token).matches()) {
            throw new IllegalStateException("Not a valid AgentCore clientToken: " + token);
        }
        return token;
    }

    private static boolean allowed(int codePoint) {
        return isAsciiLetter(codePoint) || (codePoint >= '0' && codePoint <= '9') || codePoint == '_';
    }

    private static boolean isAsciiLetter(int codePoint) {
        return (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z');
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
