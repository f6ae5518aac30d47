package io.agentfoundry.registry.rest;

import io.agentfoundry.events.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentfoundry.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;


/**
 * Catalog answers are the same until the catalog (or a model's lifecycle day) changes: each carries a strong ETag of
 * its bytes and a Cache-Control max-age, and a matching If-None-Match gets 304 without a body.
 */
@ApplicationScoped
public class CatalogResponses {

    private final ObjectMapper mapper;
    private final CacheControl cacheControl;

    CatalogResponses(ObjectMapper mapper, RegistryConfig config) {
        this.mapper = mapper;
        this.cacheControl = new CacheControl();
        this.cacheControl.setNoTransform(false);
        this.cacheControl.setMaxAge((int) config.catalog().cacheMaxAge().toSeconds());
    }

    public Response ok(Request request, Object body) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a catalog answer", e);
        }
        EntityTag tag = new EntityTag(Sha256.hex(json).substring(0, 32));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).cacheControl(cacheControl).build();
        }
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).tag(tag).cacheControl(cacheControl).build();
    }
}
