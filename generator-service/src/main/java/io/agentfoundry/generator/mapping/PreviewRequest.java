package io.agentfoundry.generator.mapping;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.ToolBinding;

import java.util.List;

/** The body of a preview: shaped like an accepted AgentRequested, without the event's envelope. */
public record PreviewRequest(AgentSpec spec, ModelBinding model, List<ToolBinding> tools, String catalogVersion) {
}
