package io.agentfoundry.generator.service.source;

import io.agentfoundry.generator.service.python.Identifiers;
import io.agentfoundry.generator.service.python.PythonBody;
import io.agentfoundry.generator.service.python.PythonLiteral;
import io.agentfoundry.events.AgentSpec.CustomTool;
import io.agentfoundry.events.AgentSpec.HttpCall;
import io.agentfoundry.events.AgentSpec.ToolParameter;
import io.agentfoundry.platform.domain.Failure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A tool the spec defines, as {@code tools/<name>.py} prints it: a Strands {@code @tool} function whose docstring and
 * type hints describe it. Every user string is an escaped literal; only a user-supplied Python body is code, by design.
 *
 * @param name             the function and module name (checked)
 * @param docstringLiteral the description and an {@code Args:} section, as a Python literal
 * @param signature        the parameter list: required parameters first, optional ones default to None
 * @param usesOptional     whether the signature needs {@code typing.Optional}
 * @param http             an HTTP tool, else a Python-body tool
 * @param body             the user's body, indented; empty for an HTTP tool
 */
public record CustomToolSource(
        String name,
        String docstringLiteral,
        String signature,
        boolean usesOptional,
        boolean http,
        String methodLiteral,
        String urlTemplateLiteral,
        String headersLiteral,
        String argumentsDict,
        String body) {

    /** Placeholders in a URL template; the generated tool fills them with the same pattern. */
    public static final Pattern URL_PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]{0,63})\\}");
    /** References to environment variables in header values; the generated tool reads them from os.environ. */
    static final Pattern ENVIRONMENT_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_]*)\\}");

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Map<String, String> PYTHON_TYPES =
            Map.of("string", "str", "integer", "int", "number", "float", "boolean", "bool");
    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** Headers whose values are credentials: they may only name environment variables, after an optional scheme. */
    private static final Pattern SENSITIVE_HEADER =
            Pattern.compile("(?i)authorization|proxy-authorization|cookie|.*(key|token|secret|password|signature).*");
    private static final Pattern AUTHORIZATION_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9-]* )?");
    /** Whitespace, including everything Python's str.splitlines() breaks at: one Args entry must stay one line. */
    private static final Pattern LINE_BREAKING_WHITESPACE = Pattern.compile("[\\p{javaWhitespace}\\x85]+");

    public String path() {
        return "tools/" + name + ".py";
    }

    static CustomToolSource of(CustomTool tool) {
        if (tool == null) {
            throw new Failure("INVALID_CUSTOM_TOOL", "A custom tool is null");
        }
        String name = Identifiers.toolName(tool.name());
        List<Parameter> parameters = parameters(name, tool.parameters());
        boolean hasBody = tool.pythonBody() != null && !tool.pythonBody().isBlank();
        if ((tool.http() == null) == !hasBody) {
            throw new Failure("INVALID_CUSTOM_TOOL",
                    "The custom tool " + name + " needs exactly one of an http call and a python body");
        }
        List<Parameter> ordered = new ArrayList<>(parameters.stream().filter(Parameter::required).toList());
        ordered.addAll(parameters.stream().filter(parameter -> !parameter.required()).toList());
        String signature = ordered.stream().map(Parameter::declaration).collect(Collectors.joining(", "));
        boolean usesOptional = ordered.stream().anyMatch(parameter -> !parameter.required());
        String docstring = PythonLiteral.of(docstring(tool.description(), parameters));
        if (hasBody) {
            return new CustomToolSource(name, docstring, signature, usesOptional, false, null, null, null, null,
                    PythonBody.indented(tool.pythonBody()));
        }
        HttpCall http = tool.http();
        String method = http.method() == null ? "" : http.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new Failure("INVALID_HTTP_CALL",
                    "The custom tool " + name + " has method " + Identifiers.quoted(http.method()) + "; use one of "
                            + String.join(", ", new TreeSet<>(METHODS)));
        }
        checkUrlTemplate(name, http.urlTemplate(), parameters);
        String argumentsDict = parameters.stream()
                .map(parameter -> PythonLiteral.of(parameter.name()) + ": " + parameter.name())
                .collect(Collectors.joining(", ", "{", "}"));
        return new CustomToolSource(name, docstring, signature, usesOptional, true, PythonLiteral.of(method),
                PythonLiteral.of(http.urlTemplate()), headersLiteral(name, http.headers()), argumentsDict, "");
    }

    /** The environment variables the tool's headers read. */
    static Set<String> environmentVariables(CustomTool tool) {
        Set<String> names = new HashSet<>();
        if (tool.http() != null) {
            tool.http().headers().values().forEach(value -> {
                Matcher reference = ENVIRONMENT_REFERENCE.matcher(value);
                while (reference.find()) {
                    names.add(reference.group(1));
                }
            });
        }
        return names;
    }

    /**
     * The docstring Strands reads (Google style): the description exactly as given, then one {@code Args:} line per
     * described parameter, its description folded onto that line.
     */
    private static String docstring(String description, List<Parameter> parameters) {
        StringBuilder doc = new StringBuilder(description == null ? "" : description);
        List<String> args = new ArrayList<>();
        for (Parameter parameter : parameters) {
            String folded = parameter.description() == null ? ""
                    : LINE_BREAKING_WHITESPACE.matcher(parameter.description()).replaceAll(" ").strip();
            if (!folded.isEmpty()) {
                args.add(PythonBody.INDENT + parameter.name() + ": " + folded + "\n");
            }
        }
        if (!args.isEmpty()) {
            doc.append("\n\nArgs:\n");
            args.forEach(doc::append);
        }
        return doc.toString();
    }

    private record Parameter(String name, String pythonType, String description, boolean required) {

        String declaration() {
            return required ? name + ": " + pythonType : name + ": Optional[" + pythonType + "] = None";
        }
    }

    private static List<Parameter> parameters(String tool, List<ToolParameter> declared) {
        List<Parameter> parameters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ToolParameter parameter : declared) {
            if (parameter == null) {
                throw new Failure("INVALID_TOOL_PARAMETER", "The custom tool " + tool
                        + " has a null parameter");
            }
            String name = Identifiers.parameterName(parameter.name(), tool);
            if (!seen.add(name)) {
                throw new Failure("INVALID_TOOL_PARAMETER",
                        "The custom tool " + tool + " declares the parameter " + name + " twice");
            }
            String type = PYTHON_TYPES.get(parameter.type());
            if (type == null) {
                throw new Failure("INVALID_TOOL_PARAMETER", "The parameter " + name + " of custom tool "
                        + tool + " has type " + Identifiers.quoted(parameter.type())
                        + "; use string, integer, number or boolean");
            }
            parameters.add(new Parameter(name, type, parameter.description(),
                    Boolean.TRUE.equals(parameter.required())));
        }
        return parameters;
    }

    private static void checkUrlTemplate(String tool, String template, List<Parameter> parameters) {
        if (template == null || !(template.startsWith("https://") || template.startsWith("http://"))) {
            throw new Failure("INVALID_HTTP_CALL",
                    "The custom tool " + tool + " needs an http:// or https:// URL template: "
                            + Identifiers.quoted(template));
        }
        if (template.chars().anyMatch(Character::isISOControl)) {
            throw new Failure("INVALID_HTTP_CALL",
                    "The URL template of custom tool " + tool + " contains control characters");
        }
        Set<String> names = parameters.stream().map(Parameter::name).collect(Collectors.toSet());
        Matcher placeholder = URL_PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            if (!names.contains(placeholder.group(1))) {
                throw new Failure("INVALID_HTTP_CALL", "The URL template of custom tool " + tool
                        + " uses {" + placeholder.group(1) + "}, which is not one of its parameters");
            }
        }
    }

    private static String headersLiteral(String tool, Map<String, String> headers) {
        Map<String, String> sorted = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                throw new Failure("INVALID_HTTP_CALL",
                        "The custom tool " + tool + " has an invalid header name " + Identifiers.quoted(name));
            }
            if (value == null || value.chars().anyMatch(Character::isISOControl)) {
                throw new Failure("INVALID_HTTP_CALL",
                        "The header " + name + " of custom tool " + tool + " has no value or contains control characters");
            }
            Matcher reference = ENVIRONMENT_REFERENCE.matcher(value);
            while (reference.find()) {
                if (!Identifiers.isEnvironmentVariable(reference.group(1))) {
                    throw new Failure("INVALID_HTTP_CALL", "The header " + name + " of custom tool "
                            + tool + " names an invalid environment variable " + Identifiers.quoted(reference.group(1)));
                }
            }
            if (SENSITIVE_HEADER.matcher(name).matches() && (!ENVIRONMENT_REFERENCE.matcher(value).find()
                    || !AUTHORIZATION_SCHEME.matcher(ENVIRONMENT_REFERENCE.matcher(value).replaceAll("")).matches())) {
                throw new Failure("SECRET_IN_HEADER", "The header " + name + " of custom tool " + tool
                        + " carries a credential: give its value as ${ENV_NAME} (optionally after a scheme such as "
                        + "'Bearer '), so that only the variable's name is written into the bundle");
            }
            sorted.put(name, value);
        });
        return sorted.entrySet().stream()
                .map(header -> PythonLiteral.of(header.getKey()) + ": " + PythonLiteral.of(header.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
