package io.agentfoundry.registry.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A job, as gateway clients see it. */
@Entity
@Table(name = "agent_job")
public class AgentJob extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Null (or cut to 200 characters) only for a submission that failed validation. */
    @Column(name = "agent_name")
    public String agentName;

    /** The model as the spec named it. */
    @Column(name = "model_id")
    public String modelId;

    /** The model's catalog id; null when the spec's model is not in the catalog. */
    @Column(name = "catalog_model_id")
    public String catalogModelId;

    @Column(name = "catalog_version")
    public String catalogVersion;

    /** The spec as submitted, in the contract's JSON. */
    public String spec;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    /** The accepted AgentRequested; null when validation failed. */
    @Column(name = "request_event_id")
    public UUID requestEventId;

    /** The submission another service published, when the job came from Kafka rather than the REST API. */
    @Column(name = "submission_event_id")
    public UUID submissionEventId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public String failure;

    /** JSON array of the violations that failed the request step. */
    public String violations;

    /** JSON array of the warnings the accepted spec got. */
    public String warnings;

    /**
     * The job, locked until the transaction ends. Every writer of a job's state or events takes this lock first, so a
     * job's event ids commit in order and no two writers deadlock.
     */
    public static AgentJob lock(UUID jobId) {
        return findById(jobId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }
}
