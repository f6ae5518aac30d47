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
}
