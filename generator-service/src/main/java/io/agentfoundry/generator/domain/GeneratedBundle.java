package io.agentfoundry.generator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "generated_bundle")
public class GeneratedBundle extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(name = "agent_name", nullable = false)
    public String agentName;

    /** The model's id in the registry's catalog. */
    @Column(name = "model_id", nullable = false)
    public String modelId;

    /** BEDROCK or OLLAMA; null for bundles made before catalog bindings existed. */
    @Column(name = "model_provider")
    public String modelProvider;

    /** The version of the catalogs the request was resolved with; null when the request did not say. */
    @Column(name = "catalog_version")
    public String catalogVersion;

    @Column(name = "generator_version", nullable = false)
    public String generatorVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
