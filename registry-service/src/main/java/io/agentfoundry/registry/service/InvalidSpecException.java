package io.agentfoundry.registry.service;

import java.util.List;

public class InvalidSpecException extends RuntimeException {

    private final List<SpecValidator.Violation> violations;

    public InvalidSpecException(List<SpecValidator.Violation> violations) {
        super(violations.size() + " violation(s) in the agent spec");
        this.violations = List.copyOf(violations);
    }

    public List<SpecValidator.Violation> violations() {
        return violations;
    }
}
