package io.agentfoundry.platform.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * RFC 9457 problem details, as every service answers errors: {@code code} is the machine-readable reason a client
 * switches on (the same codes as {@code StepFailed.errorCode} where a step's failure is reported); {@code violations}
 * lists each invalid field of a request with its JSON path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPES = "https://agentfoundry.io/problems/";

    /** One invalid field of a request. */
    public record Violation(String path, String message) {
    }

    public static Problem of(int status, String code, String detail) {
        return switch (status) {
            case 400 -> new Problem(TYPES + "bad-request", "Bad request", status, detail, code, null);
            case 404 -> new Problem(TYPES + "not-found", "Not found", status, detail, code, null);
            case 409 -> new Problem(TYPES + "conflict", "Conflict", status, detail, code, null);
            case 422 -> new Problem(TYPES + "unprocessable", "Unprocessable", status, detail, code, null);
            case 502 -> new Problem(TYPES + "bad-gateway", "Bad gateway", status, detail, code, null);
            case 503 -> new Problem(TYPES + "unavailable", "Unavailable", status, detail, code, null);
            default -> new Problem("about:blank", "HTTP " + status, status, detail, code, null);
        };
    }

    /** A request whose fields break the rules: 400, each violation with its path. */
    public static Problem invalid(String type, String title, String code, List<Violation> violations) {
        return new Problem(TYPES + type, title, 400, violations.size() + " violation(s); each names its JSON path",
                code, List.copyOf(violations));
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
