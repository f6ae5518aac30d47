package io.agentfoundry.generator.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Python the tests run: Debian's {@code /usr/bin/python3}, where scripts/install-prerequisites.sh installs
 * FastAPI, uvicorn and botocore (another python3 on the PATH, e.g. pyenv's, would not see them).
 * {@code AGENTFOUNDRY_TEST_PYTHON} overrides it.
 */
public final class SystemPython {

    public static final String EXECUTABLE = choose();

    private SystemPython() {
    }

    private static String choose() {
        String override = System.getenv("AGENTFOUNDRY_TEST_PYTHON");
        if (override != null && !override.isBlank()) {
            return override;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
