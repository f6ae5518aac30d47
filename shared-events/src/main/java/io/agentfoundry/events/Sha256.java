package io.agentfoundry.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
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
        return sha256().digest(bytes);
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

    /** {@code sha256:<hex>} of what the stream holds, read to its end (not closed). */
    public static String prefixed(InputStream content) throws IOException {
        MessageDigest digest = sha256();
        new DigestInputStream(content, digest).transferTo(OutputStream.nullOutputStream());
        // the digest is formatted, not hashed again
        return PREFIX + HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
