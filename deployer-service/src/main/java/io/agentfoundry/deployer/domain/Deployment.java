package io.agentfoundry.deployer.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A runtime this service created (or updated) for a job's image. */
@Entity
@Table(name = "deployment")
public class Deployment extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "agent_name", nullable = false)
    public String agentName;

    @Column(nullable = false)
    public String target;

    @Column(name = "runtime_id", nullable = false)
    public String runtimeId;

    @Column(name = "invocation_url")
    public String invocationUrl;

    @Column(name = "runtime_arn")
    public String runtimeArn;

    @Column(name = "runtime_version")
    public String runtimeVersion;

    public String qualifier;

    public String region;

    @Column(name = "image_reference", nullable = false)
    public String imageReference;

    @Column(name = "image_digest", nullable = false)
    public String imageDigest;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public DeploymentStatus status;

    @Column(name = "superseded_by")
    public UUID supersededBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "removed_at")
    public Instant removedAt;

    /** The RuntimeCreated that announced the runtime. */
    @Column(name = "announced_event_id")
    public UUID announcedEventId;

    /** Why the deployment is REMOVED or LOST. */
    @Column(name = "status_reason")
    public String statusReason;

    /** The agent's live runtime on a target, other than the given job's own. */
    public static Optional<Deployment> activeOf(String agentName, String target, UUID exceptJob) {
        return find("agentName = ?1 and target = ?2 and status = ?3 and jobId <> ?4 order by createdAt desc",
                agentName, target, DeploymentStatus.ACTIVE, exceptJob).firstResultOptional();
    }
}
