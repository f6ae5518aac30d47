package io.agentfoundry.registry.domain.catalog;

import java.util.List;

/** What a model reads and what it produces: text, image, pdf, document, video, embedding. */
public record Modalities(List<String> input, List<String> output) {
}
