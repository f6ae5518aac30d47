package io.agentfoundry.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as the contract writes it: lowercase hex, and {@code sha256:<hex>} for content hashes and image digests
 * ({@code CodeGenerated.contentHash}, {@code ImageBuilt.digest}).
 */
public final class Sha256 {

    public static final String PREFIX = "sha256:";

    private Sha256() {
    }

    public static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code sha256:<hex>} */
    public static String prefixed(byte[] bytes) {
        return PREFIX + hex(bytes);
    }
}
