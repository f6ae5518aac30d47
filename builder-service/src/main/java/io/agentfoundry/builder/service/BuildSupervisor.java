package io.agentfoundry.builder.service;

import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.platform.domain.Failure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs a build on threads of its own and waits for it, until the build's deadline passes ({@code BUILD_TIMEOUT}) or
 * the job is cancelled ({@code BUILD_CANCELLED}). Either way it then stops all of the build's threads, jib's
 * included, so that nothing of an abandoned build keeps pushing.
 */
@ApplicationScoped
public class BuildSupervisor {

    private static final Duration CANCELLATION_CHECK_INTERVAL = Duration.ofMillis(500);

    private final BuilderConfig config;

    BuildSupervisor(BuilderConfig config) {
        this.config = config;
    }

    /** A build, given the pool its work (and jib's) must run on. */
    @FunctionalInterface
    public interface Build<T> {
        T run(ExecutorService threads) throws Exception;
    }

    /**
     * @param cancelled asked every half second while the build runs: whether the job has been cancelled meanwhile
     */
    public <T> T run(UUID jobId, BooleanSupplier cancelled, Build<T> build) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "build-" + jobId + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Future<T> result = threads.submit(() -> build.run(threads));
        long deadline = System.nanoTime() + config.buildTimeout().toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new Failure("BUILD_TIMEOUT",
                            "The image build did not finish within " + config.buildTimeout(), true, null);
                }
                try {
                    return result.get(Math.min(left, CANCELLATION_CHECK_INTERVAL.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillRunning) {
                    if (cancelled.getAsBoolean()) {
                        throw new Failure("BUILD_CANCELLED",
                                "The job was cancelled while its image was being built", false, null);
                    }
                }
            }
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Image build failed: " + failed.getCause(), failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the image build", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
