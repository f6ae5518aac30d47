package io.agentfoundry.builder.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An image this service built for a job. Columns added by V2 are empty for builds recorded before it. */
@Entity
@Table(name = "image_build")
public class ImageBuild extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "image_reference", nullable = false)
    public String imageReference;

    public String repository;

    public String tag;

    @Column(nullable = false)
    public String digest;

    @Column(nullable = false)
    public String platforms;

    @Column(name = "bundle_hash", nullable = false)
    public String bundleHash;

    @Column(name = "base_image", nullable = false)
    public String baseImage;

    /** Null for scratch. */
    @Column(name = "base_digest")
    public String baseDigest;

    /** Compressed size of the first platform's image (linux/arm64 by default). */
    @Column(name = "size_bytes")
    public Long sizeBytes;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<LayerRecord> layers;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    @Column(name = "built_at", nullable = false)
    public Instant builtAt;

    /**
     * @param digest    the compressed blob's digest in a registry; the uncompressed diff id in a docker-archive
     * @param sizeBytes compressed size
     * @param fromBase  false for the layers this service added
     */
    public record LayerRecord(String platform, String digest, long sizeBytes, boolean fromBase) {
    }
}
