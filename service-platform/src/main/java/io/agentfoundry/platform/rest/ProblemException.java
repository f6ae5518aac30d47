package io.agentfoundry.platform.rest;

import jakarta.ws.rs.core.Response;

/**
 * A request a service refuses, and how: thrown anywhere below a resource, answered as {@link Problem} by
 * {@link ProblemMappers}. Services name their own kinds by subclassing (a job not found, a conflict with its state).
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem, Throwable cause) {
        super(problem.detail(), cause);
        this.problem = problem;
    }

    public ProblemException(int status, String code, String detail) {
        this(Problem.of(status, code, detail), null);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, detail);
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, detail);
    }

    public Problem problem() {
        return problem;
    }

    public Response toResponse() {
        return problem.toResponse();
    }
}
