package io.agentfoundry.registry.mapping;

import io.agentfoundry.registry.service.SpecValidator;

import java.util.List;

/** RFC 9457 problem details, with every violation of the spec. */
public record ValidationProblem(String type, String title, int status, String detail,
                                List<SpecValidator.Violation> violations) {

    public static ValidationProblem of(List<SpecValidator.Violation> violations) {
        return new ValidationProblem("https://agentfoundry.io/problems/invalid-agent-spec", "Invalid agent spec", 400,
                violations.size() + " violation(s); each names its JSON path", violations);
    }
}
