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

@Entity
@Table(name = "agent_job")
public class AgentJob extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "agent_name", nullable = false)
    public String agentName;

    @Column(name = "model_id", nullable = false)
    public String modelId;

    /** The spec as submitted, in the contract's JSON. */
    @Column(nullable = false)
    public String spec;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "request_event_id", nullable = false)
    public UUID requestEventId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public String failure;
}
