package io.agentfoundry.generator.service;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** One Qute template per bundle file; checked at build time, so a wrong name or property fails the build. */
@CheckedTemplate(basePath = "bundle")
final class BundleTemplates {

    private BundleTemplates() {
    }

    static native TemplateInstance agent(AgentSource agent);

    static native TemplateInstance agentcore_server(AgentSource agent);

    static native TemplateInstance requirements(AgentSource agent);

    static native TemplateInstance dockerfile(AgentSource agent);
}
