package io.agentfoundry.generator.service.bundle;

import io.agentfoundry.generator.service.dependencies.DependencyPins;
import io.agentfoundry.generator.service.source.AgentSource;
import io.agentfoundry.generator.service.source.CustomToolSource;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renders an accepted request into the bundle's files, one Qute template a file (templates/bundle/, each declaring its
 * parameter types, so that Quarkus checks every expression at build time). Pure: the same request always gives the
 * same bytes; nothing time- or machine-dependent is written.
 */
@Singleton
public class BundleRenderer {

    private final Engine qute;
    private final DependencyPins pins;

    public BundleRenderer(Engine qute, DependencyPins pins) {
        this.qute = qute;
        this.pins = pins;
    }

    /**
     * @throws io.agentfoundry.platform.domain.Failure when the request cannot become a safe bundle
     *                                                                 (a bad name, binding, setting or HTTP call)
     */
    public RenderedBundle render(BundleRequest request) {
        AgentSource agent = AgentSource.of(request, pins);
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("agent.py", render("agent.py", agent));
        files.put("agentcore_server.py", render("agentcore_server.py", agent));
        for (CustomToolSource tool : agent.customTools()) {
            files.put(tool.path(), bytes(template("tool.py").data("agent", agent).data("tool", tool).render()));
        }
        if (agent.hasCustomTools()) {
            files.put("tools/__init__.py", bytes("\"\"\"Custom tools of agent " + agent.name() + ".\"\"\"\n"));
        }
        if (agent.mcpServer()) {
            files.put("mcp_server.py", render("mcp_server.py", agent));
        }
        files.put("requirements.txt", render("requirements.txt", agent));
        files.put("Dockerfile", render("dockerfile.txt", agent));
        files.put(".dockerignore", render("dockerignore.txt", agent));
        files.put("deploy_to_agentcore.py", render("deploy_to_agentcore.py", agent));
        files.put("invoke_agent.py", render("invoke_agent.py", agent));
        files.put("README.md", render("readme.md", agent));
        files.put(BundleManifest.PATH, BundleManifest.of(request, agent, files));
        return new RenderedBundle(files, agent.warnings());
    }

    private byte[] render(String template, AgentSource agent) {
        return bytes(template(template).data("agent", agent).render());
    }

    private Template template(String name) {
        Template template = qute.getTemplate("bundle/" + name);
        if (template == null) {
            throw new IllegalStateException("No template bundle/" + name);
        }
        return template;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
