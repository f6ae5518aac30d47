package io.agentfoundry.registry.domain;

import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.domain.StepStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One step of a job as the registry knows it from the events. */
@Entity
@Table(name = "job_step")
public class JobStep extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** What the step produced, as JSON (bundle link, image digest, runtime, test summary). */
    public String result;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    /** The event that started this step, once the registry has seen it. */
    @Column(name = "input_event_id")
    public UUID inputEventId;

    /** The event that failed this step, while it is FAILED. */
    @Column(name = "failure_event_id")
    public UUID failureEventId;

    /** In the order the steps run. */
    public static List<JobStep> ofJob(UUID jobId) {
        List<JobStep> steps = new java.util.ArrayList<>(JobStep.<JobStep>list("key.jobId", jobId));
        steps.sort(java.util.Comparator.comparing(step -> step.key.step));
        return steps;
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "job_id")
        public UUID jobId;

        @Enumerated(EnumType.STRING)
        @Column(name = "step")
        public PipelineStep step;

        public Key() {
        }

        public Key(UUID jobId, PipelineStep step) {
            this.jobId = jobId;
            this.step = step;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(jobId, key.jobId) && step == key.step;
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, step);
        }
    }
}
