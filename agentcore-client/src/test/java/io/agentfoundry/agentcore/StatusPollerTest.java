package io.agentfoundry.agentcore;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusPollerTest {

    private final List<String> progress = new ArrayList<>();

    /** Answers the looks in order, as AgentCore would poll after poll. */
    private static Supplier<StatusPoller.Look> answers(Object... looks) {
        Deque<Object> queue = new ArrayDeque<>(List.of(looks));
        return () -> {
            Object next = queue.removeFirst();
            if (next instanceof RuntimeException failure) {
                throw failure;
            }
            return (StatusPoller.Look) next;
        };
    }

    private static StatusPoller.Pause pauses(int count) {
        int[] left = {count};
        return () -> left[0]-- > 0;
    }

    private static StatusPoller.Look status(String status, boolean done) {
        return StatusPoller.Look.of(status, "runtime is " + status, done);
    }

    @Test
    void logsEachNewStatusOnceAndLooksPastAFailureALaterLookOutlasts() {
        StatusPoller.Outcome outcome = StatusPoller.await("GetAgentRuntime", "runtime r version 2", "CREATING",
                pauses(10), answers(status("CREATING", false), AgentCoreErrorsTest.answered(429, "ThrottlingException"),
                        AgentCoreErrorsTest.answered(429, "ThrottlingException"), status("UPDATING", false),
                        status("UPDATING", false), status("READY", true)), progress::add);

        assertThat(outcome).isEqualTo(new StatusPoller.Outcome(true, "READY"));
        assertThat(progress).containsExactly(
                "GetAgentRuntime failed: ThrottlingException: said ThrottlingException (HTTP 429); still waiting for "
                        + "runtime r version 2",
                "runtime is UPDATING", "runtime is READY");
    }

    @Test
    void aStatusThatCannotBecomeReadyIsLoggedThenEndsTheWait() {
        IllegalStateException failed = new IllegalStateException("CREATE_FAILED: no image");
        assertThatThrownBy(() -> StatusPoller.await("GetAgentRuntime", "runtime r", null, pauses(10),
                answers(StatusPoller.Look.ending("CREATE_FAILED", "runtime is CREATE_FAILED", failed)), progress::add))
                .isSameAs(failed);
        assertThat(progress).containsExactly("runtime is CREATE_FAILED");
    }

    @Test
    void aRefusalEndsTheWaitAsItIs() {
        var refused = AgentCoreErrorsTest.answered(403, "AccessDeniedException");
        assertThatThrownBy(() -> StatusPoller.await("GetAgentRuntime", "runtime r", null, pauses(10),
                answers(refused), progress::add)).isSameAs(refused);
    }

    @Test
    void whenTimeIsUpTheOutcomeSaysTheLastStatusOrFailureSeen() {
        assertThat(StatusPoller.await("GetAgentRuntime", "runtime r", "CREATING", pauses(2),
                answers(status("CREATING", false), AgentCoreErrorsTest.answered(503, "ServiceUnavailable")),
                progress::add)).isEqualTo(new StatusPoller.Outcome(false,
                "GetAgentRuntime failed: ServiceUnavailable: said ServiceUnavailable (HTTP 503)"));
        assertThat(StatusPoller.await("GetAgentRuntime", "runtime r", "CREATING", pauses(0), answers(),
                progress::add)).isEqualTo(new StatusPoller.Outcome(false, "CREATING"));
    }
}
