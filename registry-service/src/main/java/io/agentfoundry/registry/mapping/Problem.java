package io.agentfoundry.registry.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agentfoundry.registry.service.SpecValidator;

import java.util.List;

/** RFC 9457 problem details; {@code violations} lists every violation of an invalid spec with its JSON path. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<SpecValidator.Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPES = "https://agentfoundry.io/problems/";

    public static Problem invalidSpec(List<SpecValidator.Violation> violations) {
        return new Problem(TYPES + "invalid-agent-spec", "Invalid agent spec", 400,
                violations.size() + " violation(s); each names its JSON path", violations);
    }

    public static Problem of(int status, String detail) {
        return switch (status) {
            case 400 -> new Problem(TYPES + "bad-request", "Bad request", status, detail, null);
            case 404 -> new Problem(TYPES + "not-found", "Not found", status, detail, null);
            case 409 -> new Problem(TYPES + "conflict", "Conflict", status, detail, null);
            default -> new Problem("about:blank", "HTTP " + status, status, detail, null);
        };
    }
}
