package io.agentfoundry.events;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The digests the contract states, against FIPS 180-2's test vector, and the streaming form against the in-memory one. */
class Sha256Test {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
    private static final String ABC_DIGEST = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hexAndPrefixedAreTheStandardDigest() {
        assertThat(Sha256.hex(ABC)).isEqualTo(ABC_DIGEST);
        assertThat(Sha256.hex("abc")).isEqualTo(ABC_DIGEST);
        assertThat(Sha256.prefixed(ABC)).isEqualTo("sha256:" + ABC_DIGEST);
    }

    @Test
    void aStreamHasTheDigestOfItsBytes() throws IOException {
        assertThat(Sha256.prefixed(new ByteArrayInputStream(ABC))).isEqualTo("sha256:" + ABC_DIGEST);
        byte[] large = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        assertThat(Sha256.prefixed(new ByteArrayInputStream(large))).isEqualTo(Sha256.prefixed(large));
    }
}
