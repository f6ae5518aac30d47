package io.agentfoundry.platform.health;

import io.agentfoundry.platform.service.InfrastructurePause;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while consumers, workers or the relay wait for the database: the service is alive and resumes by itself,
 * but does not work now. Each waiting part is listed with the failure it met and since when.
 */
@Readiness
@ApplicationScoped
public class InfrastructureHealthCheck implements HealthCheck {

    private final InfrastructurePause pause;

    InfrastructureHealthCheck(InfrastructurePause pause) {
        this.pause = pause;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("agentfoundry-infrastructure");
        var paused = pause.paused();
        if (paused.isEmpty()) {
            return response.up().build();
        }
        response.down();
        paused.forEach((who, what) -> response.withData(who, "paused since " + what.since() + ": " + what.reason()));
        return response.build();
    }
}
