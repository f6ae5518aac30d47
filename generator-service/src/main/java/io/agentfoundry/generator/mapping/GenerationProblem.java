package io.agentfoundry.generator.mapping;

/** RFC 9457 problem details for a request that cannot become a bundle; {@code code} is the step's error code. */
public record GenerationProblem(String type, String title, int status, String detail, String code) {

    public static GenerationProblem of(String code, String detail) {
        return new GenerationProblem("https://agentfoundry.io/problems/invalid-generation-request",
                "The request cannot become a bundle", 400, detail, code);
    }
}
