package io.agentfoundry.builder.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class DockerIgnoreTest {

    @Test
    void leavesOutWhatTheGeneratorsDockerignoreLeavesOut() {
        SortedMap<String, byte[]> bundle = bundle("""
                # Only what the runtime needs goes into the image.
                .git/
                __pycache__/
                *.pyc
                Dockerfile
                .dockerignore
                deploy_to_agentcore.py
                invoke_agent.py
                """, "agent.py", "agentcore_server.py", "requirements.txt", "Dockerfile", "deploy_to_agentcore.py",
                "invoke_agent.py", "tools/lookup.py", "stale.pyc", "tools/kept.pyc", "__pycache__/agent.cpython-311.pyc");

        assertThat(DockerIgnore.of(bundle).imageFiles(bundle).keySet()).containsExactly(
                "agent.py", "agentcore_server.py", "requirements.txt", "tools/kept.pyc", "tools/lookup.py");
    }

    @Test
    void doubleStarSpansDirectoriesIncludingNoneAndTheLastMatchingLineDecides() {
        DockerIgnore ignore = DockerIgnore.of(bundle("**/*.md\n!docs/KEEP.md\n"));
        assertThat(ignore.excludes("README.md")).isTrue();
        assertThat(ignore.excludes("docs/deep/notes.md")).isTrue();
        assertThat(ignore.excludes("docs/KEEP.md")).isFalse();
        assertThat(ignore.excludes("agent.py")).isFalse();
    }

    @Test
    void withoutADockerignoreEveryFileGoesIn() {
        SortedMap<String, byte[]> bundle = new TreeMap<>();
        bundle.put("agent.py", new byte[0]);
        bundle.put("Dockerfile", new byte[0]);
        assertThat(DockerIgnore.of(bundle).imageFiles(bundle)).isEqualTo(bundle);
    }

    private static SortedMap<String, byte[]> bundle(String dockerignore, String... files) {
        SortedMap<String, byte[]> bundle = new TreeMap<>();
        bundle.put(DockerIgnore.FILE, dockerignore.getBytes(StandardCharsets.UTF_8));
        for (String file : files) {
            bundle.put(file, new byte[0]);
        }
        return bundle;
    }
}
