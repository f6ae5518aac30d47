package io.agentfoundry.builder.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An image this service built for a job. */
@Entity
@Table(name = "image_build")
public class ImageBuild extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "image_reference", nullable = false)
    public String imageReference;

    @Column(nullable = false)
    public String digest;

    @Column(nullable = false)
    public String platforms;

    @Column(name = "bundle_hash", nullable = false)
    public String bundleHash;

    @Column(name = "base_image", nullable = false)
    public String baseImage;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    @Column(name = "built_at", nullable = false)
    public Instant builtAt;
}
