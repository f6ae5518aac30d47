package io.agentfoundry.generator.service.source;

import io.agentfoundry.generator.service.bundle.BundleRequest;
import io.agentfoundry.generator.service.dependencies.DependencyPins;
import io.agentfoundry.generator.service.dependencies.Requirements;
import io.agentfoundry.generator.service.python.Identifiers;
import io.agentfoundry.generator.service.python.PythonLiteral;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.AgentSpec.CustomTool;
import io.agentfoundry.events.AgentSpec.Monitoring;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.ToolBinding;
import io.agentfoundry.platform.domain.Failure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything the bundle's templates print, already made safe: names checked against strict patterns, user text turned
 * into Python literals, numbers checked. Templates never see raw user input.
 *
 * @param jobLabel             the job id, or {@code preview}
 * @param descriptionLiteral   the spec's description as a Python literal; null when it has none
 * @param portableTools        strands_tools modules that load everywhere
 * @param posixOnlyTools       strands_tools modules that do not work on Windows: imported behind a platform guard
 * @param mcpServer            the custom tools reach the agent through mcp_server.py and Strands' MCP client
 * @param bypassToolConsent    a tool asks for consent, which a container cannot give interactively
 * @param environmentVariables names (never values) of the variables the agent reads, sorted
 * @param requirements         pinned requirements.txt lines
 * @param warnings             what the user should know about the bundle; not printed by templates
 */
public record AgentSource(
        String name,
        String nameLiteral,
        String descriptionLiteral,
        String jobLabel,
        String generatorVersion,
        String catalogVersion,
        String pinsVersion,
        String baseImage,
        ModelSource model,
        String systemPromptLiteral,
        List<String> portableTools,
        List<String> posixOnlyTools,
        List<CustomToolSource> customTools,
        boolean mcpServer,
        boolean openTelemetry,
        boolean langsmith,
        boolean bypassToolConsent,
        List<String> environmentVariables,
        List<String> requirements,
        List<String> warnings) {

    private static final List<String> LANGSMITH_VARIABLES =
            List.of("LANGSMITH_API_KEY", "LANGSMITH_ENDPOINT", "LANGSMITH_PROJECT");

    public static AgentSource of(BundleRequest request, DependencyPins pins) {
        AgentSpec spec = request.spec();
        if (spec == null) {
            throw new Failure("INVALID_SPEC", "The request has no agent spec");
        }
        String name = Identifiers.agentName(spec.name());
        if (spec.systemPrompt() == null || spec.systemPrompt().isBlank()) {
            throw new Failure("INVALID_SPEC", "The agent has no system prompt");
        }
        ModelSource model = ModelSource.of(request.model(), spec.modelSettings());
        String generatorVersion =
                Identifiers.versionLabel(request.generatorVersion(), "INVALID_GENERATOR_VERSION", "generator version");
        String catalogVersion = request.catalogVersion() == null ? "unknown"
                : Identifiers.versionLabel(request.catalogVersion(), "INVALID_CATALOG_VERSION", "catalog version");
        List<String> warnings = new ArrayList<>();
        Set<String> environment = new TreeSet<>(List.of(model.isBedrock() ? "AWS_REGION" : "OLLAMA_HOST",
                "AGENT_MAX_SESSIONS"));

        CatalogTools catalogTools = catalogTools(request, warnings, environment);
        List<CustomToolSource> customTools = customTools(spec, catalogTools, environment);
        boolean mcpServer = spec.wantsMcpServer() && !customTools.isEmpty();
        if (spec.wantsMcpServer() && customTools.isEmpty()) {
            warnings.add("An MCP server was requested, but the spec defines no custom tools for it to serve: "
                    + "the bundle has no mcp_server.py");
        }
        Monitoring monitoring = spec.monitoring();
        boolean openTelemetry = monitoring != null && monitoring.wantsOpenTelemetry();
        boolean langsmith = monitoring != null && monitoring.wantsLangsmith();
        if (langsmith) {
            environment.addAll(LANGSMITH_VARIABLES);
        }
        if (model.isOllama() && DeployTarget.AGENTCORE.name().equalsIgnoreCase(spec.deployTarget())) {
            warnings.add("An Ollama agent on AgentCore needs OLLAMA_HOST to point at an Ollama server the runtime "
                    + "can reach; one on a laptop is not");
        }

        return new AgentSource(name, PythonLiteral.of(name),
                spec.description() == null ? null : PythonLiteral.of(spec.description()),
                request.jobId() == null ? "preview" : request.jobId().toString(), generatorVersion, catalogVersion,
                pins.pinsVersion(), pins.baseImage(), model, PythonLiteral.of(spec.systemPrompt()),
                catalogTools.portable(), catalogTools.posixOnly(), customTools, mcpServer, openTelemetry, langsmith,
                catalogTools.askForConsent(), List.copyOf(environment),
                requirements(request, model, mcpServer, openTelemetry, langsmith).pinned(pins), List.copyOf(warnings));
    }

    /** The strands_tools modules of the catalog bindings, split by whether they load on Windows. */
    private record CatalogTools(List<String> portable, List<String> posixOnly, boolean askForConsent) {
    }

    private static CatalogTools catalogTools(BundleRequest request, List<String> warnings, Set<String> environment) {
        if (request.tools().size() != request.spec().tools().size()) {
            throw new Failure("INVALID_TOOL_BINDING", "The spec names " + request.spec().tools().size()
                    + " catalog tools but the request binds " + request.tools().size());
        }
        boolean windows = "windows".equalsIgnoreCase(request.spec().platform());
        Set<String> portable = new LinkedHashSet<>();
        Set<String> posixOnly = new LinkedHashSet<>();
        boolean askForConsent = false;
        for (ToolBinding tool : request.tools()) {
            if (tool == null) {
                throw new Failure("INVALID_TOOL_BINDING", "A tool binding is null");
            }
            String module = Identifiers.toolModule(tool.module(), tool.name());
            boolean posixOnlyTool = tool.unsupportedPlatforms().stream().anyMatch("windows"::equalsIgnoreCase);
            (posixOnlyTool ? posixOnly : portable).add(module);
            askForConsent |= tool.requiresConsent();
            if (tool.deprecated()) {
                warnings.add("The tool " + module + " is deprecated in strands_tools: it warns now and fails from "
                        + "strands-agents-tools 0.9 on");
            }
            if (posixOnlyTool && windows) {
                warnings.add("The tool " + module + " does not work on Windows: agent.py loads it only elsewhere");
            }
            for (String variable : tool.environment()) {
                if (Identifiers.isEnvironmentVariable(variable)) {
                    environment.add(variable);
                } else {
                    warnings.add("The tool " + module + " needs " + Identifiers.quoted(variable)
                            + ", which is not an environment variable name; see the tool's documentation");
                }
            }
        }
        return new CatalogTools(List.copyOf(portable), List.copyOf(posixOnly), askForConsent);
    }

    private static List<CustomToolSource> customTools(AgentSpec spec, CatalogTools catalogTools,
                                                      Set<String> environment) {
        Set<String> toolNames = new TreeSet<>(catalogTools.portable());
        toolNames.addAll(catalogTools.posixOnly());
        List<CustomToolSource> customTools = new ArrayList<>();
        for (CustomTool tool : spec.customTools()) {
            CustomToolSource source = CustomToolSource.of(tool);
            if (!toolNames.add(source.name())) {
                throw new Failure("DUPLICATE_TOOL_NAME",
                        "Two tools are called " + source.name() + "; tool names must be unique");
            }
            customTools.add(source);
            environment.addAll(CustomToolSource.environmentVariables(tool));
        }
        return List.copyOf(customTools);
    }

    private static Requirements requirements(BundleRequest request, ModelSource model, boolean mcpServer,
                                             boolean openTelemetry, boolean langsmith) {
        List<String> strandsExtras = new ArrayList<>();
        if (model.isOllama()) {
            strandsExtras.add("ollama");
        }
        if (openTelemetry || langsmith) {
            strandsExtras.add("otel");
        }
        Requirements requirements = new Requirements()
                .require("strands-agents", strandsExtras.toArray(String[]::new))
                .require(model.isOllama() ? "ollama" : "boto3")
                .require("fastapi")
                .require("uvicorn")
                .requireToolExtras(request.tools());
        request.model().pipRequirements().forEach(requirements::requireFromCatalog);
        if (mcpServer) {
            requirements.require("mcp");
        }
        if (openTelemetry) {
            requirements.require("aws-opentelemetry-distro");
        }
        return requirements;
    }

    public boolean hasDescription() {
        return descriptionLiteral != null;
    }

    public boolean hasPortableTools() {
        return !portableTools.isEmpty();
    }

    public String portableToolList() {
        return String.join(", ", portableTools);
    }

    public boolean hasPosixOnlyTools() {
        return !posixOnlyTools.isEmpty();
    }

    public String posixOnlyToolList() {
        return String.join(", ", posixOnlyTools);
    }

    public boolean hasCustomTools() {
        return !customTools.isEmpty();
    }

    /** Custom tools that agent.py imports itself; with an MCP server they come through the MCP client instead. */
    public List<CustomToolSource> directCustomTools() {
        return mcpServer ? List.of() : customTools;
    }

    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }

    /** A Docker repository name: lowercase only. */
    public String imageName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** What {@code Agent(tools=[...])} lists. */
    public String toolArguments() {
        List<String> tools = new ArrayList<>(portableTools);
        if (hasPosixOnlyTools()) {
            tools.add("*POSIX_ONLY_TOOLS");
        }
        directCustomTools().forEach(tool -> tools.add(tool.name()));
        if (mcpServer) {
            tools.add("*custom_tools_over_mcp()");
        }
        return String.join(", ", tools);
    }

    /**
     * The variables deploy_to_agentcore.py copies from the deployer's environment into the runtime's, as a Python
     * list literal; AWS_* are the runtime's own.
     */
    public String forwardedVariablesLiteral() {
        return environmentVariables.stream()
                .filter(variable -> !variable.startsWith("AWS_"))
                .map(PythonLiteral::of)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The container's command as a Dockerfile exec-form array; OpenTelemetry wraps it when monitoring is on. */
    public String containerCommand() {
        List<String> command = new ArrayList<>();
        if (openTelemetry) {
            command.add("opentelemetry-instrument");
        }
        command.addAll(List.of("python", "-m", "uvicorn", "agentcore_server:app", "--host", "0.0.0.0", "--port", "8080"));
        return command.stream().map(part -> "\"" + part + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
