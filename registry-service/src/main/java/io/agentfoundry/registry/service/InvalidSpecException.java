package io.agentfoundry.registry.service;

import io.agentfoundry.platform.rest.Problem;
import io.agentfoundry.platform.rest.ProblemException;

import java.util.List;

/** A spec that breaks the rules: 400 with every violation and its JSON path. */
public class InvalidSpecException extends ProblemException {

    private final transient List<SpecValidator.Violation> violations;

    public InvalidSpecException(List<SpecValidator.Violation> violations) {
        super(Problem.invalid("invalid-agent-spec", "Invalid agent spec", JobService.INVALID_SPEC, violations.stream()
                .map(violation -> new Problem.Violation(violation.path(), violation.message())).toList()), null);
        this.violations = List.copyOf(violations);
    }

    public List<SpecValidator.Violation> violations() {
        return violations;
    }
}
