package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.PipelineStep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * What a step's work knows about its attempt, and what it may ask of the runner. The work runs outside any database
 * transaction: it reads in short transactions of its own, and hands what it stores to {@link #onSuccess}, which runs
 * in the transaction that records the step's success and puts its event in the outbox.
 */
public final class StepContext {

    private final UUID jobId;
    private final PipelineStep step;
    private final int attempt;
    private final Instant startedAt;
    private final BooleanSupplier cancelled;
    private final List<Runnable> successActions = new ArrayList<>();

    public StepContext(UUID jobId, PipelineStep step, int attempt, Instant startedAt, BooleanSupplier cancelled) {
        this.jobId = jobId;
        this.step = step;
        this.attempt = attempt;
        this.startedAt = startedAt;
        this.cancelled = cancelled;
    }

    public UUID jobId() {
        return jobId;
    }

    public PipelineStep step() {
        return step;
    }

    /** This attempt's number: 1 for the first, counted across crashes, takeovers and retries. */
    public int attempt() {
        return attempt;
    }

    /** When the step first started for this job. */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Whether the job has been cancelled meanwhile: cheap enough to ask every half second. A check that cannot reach
     * the database says no, so that an outage does not stop the work (the cancellation is seen at the next check).
     */
    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }

    /**
     * Stores the step's result together with its success: the action runs inside the transaction that records the
     * step SUCCEEDED and puts its output event in the outbox, and only if this attempt still holds the step.
     */
    public void onSuccess(Runnable store) {
        successActions.add(store);
    }

    void runSuccessActions() {
        successActions.forEach(Runnable::run);
    }
}
