package io.agentfoundry.deployer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A runtime this service created for a job's image. */
@Entity
@Table(name = "deployment")
public class Deployment extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(nullable = false)
    public String target;

    @Column(name = "runtime_id", nullable = false)
    public String runtimeId;

    @Column(name = "invocation_url")
    public String invocationUrl;

    @Column(name = "image_reference", nullable = false)
    public String imageReference;

    @Column(name = "image_digest", nullable = false)
    public String imageDigest;

    /** ACTIVE or REMOVED. */
    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "removed_at")
    public Instant removedAt;
}
