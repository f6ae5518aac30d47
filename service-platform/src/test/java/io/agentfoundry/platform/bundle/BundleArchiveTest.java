package io.agentfoundry.platform.bundle;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleArchiveTest {

    private static SortedMap<String, byte[]> bundle() {
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("agent.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
        files.put("tools/weather.py", "x = 1\n".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    @Test
    void sameFilesGiveTheSameBytesAndTheyReadBack() {
        byte[] first = BundleArchive.write(bundle());
        byte[] second = BundleArchive.write(bundle());
        assertThat(first).isEqualTo(second);
        SortedMap<String, byte[]> read = BundleArchive.read(new ByteArrayInputStream(first));
        assertThat(read.keySet()).containsExactly("agent.py", "tools/weather.py");
        assertThat(BundleArchive.contentHash(read)).isEqualTo(BundleArchive.contentHash(bundle()));
    }

    @Test
    void contentHashMatchesTheSha256sumRecipe() {
        // printf 'print(\'hi\')\n' | sha256sum, and so on: the hash of "<hash>  <path>\n" lines in path order
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("a.txt", "a".getBytes(StandardCharsets.UTF_8));
        String listing = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.txt\n";
        assertThat(BundleArchive.contentHash(files))
                .isEqualTo(BundleArchive.fileHash(listing.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void changingOneByteChangesTheHash() {
        SortedMap<String, byte[]> changed = bundle();
        changed.put("agent.py", "print('ho')\n".getBytes(StandardCharsets.UTF_8));
        assertThat(BundleArchive.contentHash(changed)).isNotEqualTo(BundleArchive.contentHash(bundle()));
    }

    @Test
    void refusesPathsThatEscape() {
        for (String path : new String[]{"../etc/passwd", "/abs", "a/../../b", "a//b", "..", "a/./b", "a\\b", ""}) {
            assertThatThrownBy(() -> BundleArchive.requireSafePath(path)).as(path)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        BundleArchive.requireSafePath("tools/my_tool.py");
        BundleArchive.requireSafePath(".dockerignore");
    }

    @Test
    void refusesSomethingThatIsNotAnArchive() {
        assertThatThrownBy(() -> BundleArchive.read(new ByteArrayInputStream("nope".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
