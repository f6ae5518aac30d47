package io.agentfoundry.platform.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * RFC 9457 problem details, as every service answers errors: {@code code} is the machine-readable reason a client
 * switches on (the same codes as {@code StepFailed.errorCode} where a step's failure is reported).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPES = "https://agentfoundry.io/problems/";

    public static Problem of(int status, String code, String detail) {
        return switch (status) {
            case 400 -> new Problem(TYPES + "bad-request", "Bad request", status, detail, code);
            case 404 -> new Problem(TYPES + "not-found", "Not found", status, detail, code);
            case 409 -> new Problem(TYPES + "conflict", "Conflict", status, detail, code);
            case 422 -> new Problem(TYPES + "unprocessable", "Unprocessable", status, detail, code);
            case 503 -> new Problem(TYPES + "unavailable", "Unavailable", status, detail, code);
            default -> new Problem("about:blank", "HTTP " + status, status, detail, code);
        };
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
