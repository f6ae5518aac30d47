package io.agentfoundry.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the registry: where its catalogs are, how catalog answers are cached, paging and suggestions. */
@ConfigMapping(prefix = "agentfoundry.registry")
public interface RegistryConfig {

    Catalog catalog();

    Paging paging();

    Suggestions suggestions();

    Estimates estimates();

    Deadlines deadlines();

    interface Catalog {
        /** Class-path location of the model catalog. */
        @WithDefault("catalog/models.json")
        String modelsResource();

        /** Class-path location of the tool catalog. */
        @WithDefault("catalog/tools.json")
        String toolsResource();

        /** How long clients and proxies may reuse a catalog answer (Cache-Control max-age). */
        @WithDefault("5m")
        Duration cacheMaxAge();
    }

    interface Paging {
        @WithDefault("20")
        int defaultSize();

        @WithDefault("100")
        int maxSize();
    }

    interface Suggestions {
        /** Lowest score a suggestion is listed with. */
        @WithDefault("1")
        int minimumScore();

        /** Score from which a spec that lacks the tool gets a warning: the prompt clearly needs it. */
        @WithDefault("2")
        int warningScore();
    }

    interface Estimates {
        /** Input tokens per invocation assumed by /api/agents/validate when the client gives none. */
        @WithDefault("1000")
        long defaultInputTokens();

        /** Output tokens per invocation assumed when the client gives none. */
        @WithDefault("500")
        long defaultOutputTokens();
    }

    /**
     * How long each step may run, from the moment it is handed to its service, before the registry fails the job with
     * STEP_TIMEOUT (retryable). Longer than the step's own deadlines, so that a step that fails by itself says why.
     */
    interface Deadlines {
        @WithDefault("5m")
        Duration generate();

        /** The builder's download (30 s) and build (5 m) timeouts, and waiting for a free builder. */
        @WithDefault("15m")
        Duration build();

        /** The deployer's pull and readiness (LOCAL) or AgentCore's readiness (15 m) timeouts. */
        @WithDefault("30m")
        Duration deploy();

        /** The tester's run timeout (10 m) and the reading of the runtime's logs. */
        @WithDefault("20m")
        Duration test();

        /** How often running steps are held against their deadline. */
        @WithDefault("10s")
        Duration checkInterval();
    }
}
