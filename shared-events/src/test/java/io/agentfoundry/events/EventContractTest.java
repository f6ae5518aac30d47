package io.agentfoundry.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keeps the event records, the JSON Schemas, the golden examples and the AsyncAPI document in step: a change made to
 * one of them and not to the others fails here.
 */
class EventContractTest {

    private static final String SCHEMA_BASE_IRI = "https://agentfoundry.io/schemas/";
    private static final String DRAFT_2020_12_META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
    private static final String SCHEMA_DIRECTORY = "/schemas/";
    private static final String GOLDEN_DIRECTORY = "/golden/";
    private static final String MINIMAL_DIRECTORY = GOLDEN_DIRECTORY + "minimal/";
    private static final String INVALID_DIRECTORY = GOLDEN_DIRECTORY + "invalid/";
    private static final String SHARED_SCHEMA = "agent-spec.v1.schema.json";

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final JsonNode ASYNC_API = readYaml("/asyncapi.yaml");

    /** Resolves the schemas' $id, and so their relative $refs, from the class path rather than the network. */
    private static final JsonSchemaFactory SCHEMA_FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE_IRI, "classpath:schemas/")));

    /** Draft 2020-12 treats "format" as an annotation by default; the contract means uuid and date-time as rules. */
    private static final SchemaValidatorsConfig ASSERT_FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private static final Set<String> EVERY_SERVICE = Arrays.stream(PipelineStep.values())
            .map(PipelineStep::service)
            .collect(Collectors.toSet());

    /** The pipeline services that send each event: each pipeline topic has its one producer. */
    private static final Map<EventType, Set<String>> SENDERS = Map.of(
            EventType.AGENT_REQUESTED, Set.of("registry-service"),
            EventType.CODE_GENERATED, Set.of("generator-service"),
            EventType.IMAGE_BUILT, Set.of("builder-service"),
            EventType.RUNTIME_CREATED, Set.of("deployer-service"),
            EventType.TEST_COMPLETED, Set.of("tester-service"),
            EventType.STEP_FAILED, EVERY_SERVICE,
            EventType.JOB_LOG, EVERY_SERVICE,
            EventType.JOB_CANCELLED, Set.of("registry-service"),
            EventType.JOB_RETRIED, Set.of("registry-service"),
            EventType.RUNTIME_LOST, Set.of("deployer-service"));

    /**
     * Events that platform services other than the pipeline's may also send, under their own ce_source: submitted
     * AgentRequested. Their ce_source is not a closed list, and their send operation carries this tag.
     */
    private static final Set<EventType> OPEN_TO_OTHER_PLATFORM_SERVICES = Set.of(EventType.AGENT_REQUESTED);
    private static final String OTHER_PLATFORM_SERVICES_TAG = "other-platform-services";

    private static final Map<EventType, Set<String>> RECEIVERS = Map.of(
            // the generator acts only on accepted requests; the registry validates submissions
            EventType.AGENT_REQUESTED, Set.of("generator-service", "registry-service"),
            EventType.CODE_GENERATED, Set.of("builder-service", "registry-service"),
            EventType.IMAGE_BUILT, Set.of("deployer-service", "registry-service"),
            EventType.RUNTIME_CREATED, Set.of("tester-service", "registry-service"),
            // the deployer removes the runtimes of jobs that failed after their deploy
            EventType.TEST_COMPLETED, Set.of("registry-service", "deployer-service"),
            EventType.STEP_FAILED, Set.of("registry-service", "deployer-service"),
            EventType.JOB_LOG, Set.of("registry-service"),
            // consumed by the shared service platform, so in every service
            EventType.JOB_CANCELLED, EVERY_SERVICE,
            EventType.JOB_RETRIED, EVERY_SERVICE,
            EventType.RUNTIME_LOST, Set.of("registry-service"));

    /** The golden examples tell one job's story; these carry the spec its AgentRequested carries. */
    private static final Set<EventType> CARRY_THE_SPEC = Set.of(EventType.CODE_GENERATED, EventType.IMAGE_BUILT,
            EventType.RUNTIME_CREATED);

    private static final List<String> DEAD_LETTER_HEADERS = List.of("dead-letter-reason", "dead-letter-cause",
            "dead-letter-topic", "dead-letter-partition", "dead-letter-offset");

    // --- golden examples -------------------------------------------------------------------------------------------

    @Test
    void everyEventTypeHasExactlyOneGoldenExample() {
        Set<String> expected = Arrays.stream(EventType.values())
                .map(EventContractTest::goldenFileName)
                .collect(Collectors.toSet());

        assertThat(jsonFilesIn(GOLDEN_DIRECTORY)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenExampleIsValidAgainstItsSchema(EventType type) {
        assertThat(validate(type, golden(type))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenExampleRoundTripsThroughTheRecord(EventType type) {
        String golden = golden(type);

        assertThat(roundTrip(type, golden)).isEqualTo(tree(golden));
    }

    /** The golden examples fill every property; these leave out every optional one, as the codec does with nulls. */
    @ParameterizedTest
    @MethodSource("minimalExamples")
    void exampleWithoutOptionalPropertiesIsValidAndRoundTrips(String file) {
        EventType type = typeOfExample(file);
        String example = resource(MINIMAL_DIRECTORY + file);

        assertThat(validate(type, example)).isEmpty();
        assertThat(roundTrip(type, example)).isEqualTo(tree(example));
    }

    static Stream<String> minimalExamples() {
        return jsonFilesIn(MINIMAL_DIRECTORY).stream();
    }

    /** The two kinds of AgentRequested: the golden example is an accepted request, the minimal one a submission. */
    @Test
    void goldenAgentRequestedIsAnAcceptedRequestAndTheMinimalOneASubmission() {
        AgentRequested accepted = EventCodec.decode(golden(EventType.AGENT_REQUESTED), AgentRequested.class);
        AgentRequested submission = EventCodec.decode(
                resource(MINIMAL_DIRECTORY + goldenFileName(EventType.AGENT_REQUESTED)), AgentRequested.class);

        assertThat(accepted.isAccepted()).isTrue();
        assertThat(accepted.causationId()).as("the submission it answers").isNotNull();
        assertThat(accepted.model().catalogId()).isEqualTo(accepted.spec().modelId());
        assertThat(accepted.tools()).extracting(ToolBinding::name).containsExactlyElementsOf(accepted.spec().tools());
        assertThat(accepted.catalogVersion()).isNotBlank();

        assertThat(submission.isAccepted()).isFalse();
        assertThat(submission).isEqualTo(AgentRequested.submission(submission.eventId(), submission.jobId(),
                submission.occurredAt(), submission.requestedBy(), submission.spec()));
    }

    @ParameterizedTest
    @MethodSource("eventsThatCarryTheSpec")
    void goldenStepEventCarriesTheSpecOfTheGoldenRequest(EventType type) {
        JsonNode requested = tree(golden(EventType.AGENT_REQUESTED));

        assertThat(tree(golden(type)).path("spec")).isEqualTo(requested.path("spec"));
        assertThat(tree(golden(type)).path("jobId")).isEqualTo(requested.path("jobId"));
    }

    static Stream<EventType> eventsThatCarryTheSpec() {
        return CARRY_THE_SPEC.stream().sorted();
    }

    /** Every component of every record is in a golden example, so a component nobody fills in cannot slip by. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenExampleFillsEveryComponentOfEveryRecordItHolds(EventType type) {
        String name = type.recordType().getSimpleName();
        Set<String> unfilled = new TreeSet<>();
        componentPaths(type.recordType(), name, unfilled);
        Set<String> filled = new TreeSet<>();
        filledPaths(type.recordType(), tree(golden(type)), name, filled);

        unfilled.removeAll(filled);

        assertThat(unfilled).isEmpty();
    }

    // --- invalid examples ------------------------------------------------------------------------------------------

    /**
     * One defect each, so that each example fails for its own reason only.
     *
     * @param location JSON Pointer to the defect; for a missing property, to where it should have been
     */
    record InvalidExample(String file, String keyword, String location, boolean rejectedByDecode) {

        static InvalidExample rejectedByBoth(String file, String keyword, String location) {
            return new InvalidExample(file, keyword, location, true);
        }

        static InvalidExample rejectedBySchemaOnly(String file, String keyword, String location) {
            return new InvalidExample(file, keyword, location, false);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<InvalidExample> invalidExamples() {
        return Stream.of(
                InvalidExample.rejectedByBoth("agent-requested.missing-job-id.json", "required", "/jobId"),
                // The record takes any name; names are checked where a spec enters the system (the registry's API).
                InvalidExample.rejectedBySchemaOnly("agent-requested.spec-name-with-hyphen.json", "pattern",
                        "/spec/name"),
                InvalidExample.rejectedByBoth("code-generated.schema-version-2.json", "const", "/schemaVersion"),
                // decode checks only what every event must have; the builder recomputes the hash and compares anyway.
                InvalidExample.rejectedBySchemaOnly("code-generated.content-hash-not-sha256.json", "pattern",
                        "/contentHash"),
                InvalidExample.rejectedByBoth("image-built.event-id-not-a-uuid.json", "format", "/eventId"),
                InvalidExample.rejectedByBoth("runtime-created.occurred-at-without-offset.json", "format",
                        "/occurredAt"),
                InvalidExample.rejectedByBoth("test-completed.passed-null.json", "type", "/passed"),
                // FAIL_ON_NULL_FOR_PRIMITIVES also covers an absent primitive: it does not default to false.
                InvalidExample.rejectedByBoth("test-completed.missing-passed.json", "required", "/passed"),
                InvalidExample.rejectedByBoth("step-failed.unknown-step.json", "enum", "/step"),
                InvalidExample.rejectedByBoth("job-log.missing-schema-version.json", "required", "/schemaVersion"),
                // The record takes any string or number here; a spec is to be checked where it enters the system (the
                // registry's API), and a binding is written by the registry from its catalog.
                InvalidExample.rejectedBySchemaOnly("agent-requested.custom-tool-with-http-and-python-body.json",
                        "oneOf", "/spec/customTools/0"),
                InvalidExample.rejectedBySchemaOnly("agent-requested.custom-tool-without-http-or-python-body.json",
                        "oneOf", "/spec/customTools/1"),
                InvalidExample.rejectedBySchemaOnly("agent-requested.temperature-3.json", "maximum",
                        "/spec/modelSettings/temperature"),
                InvalidExample.rejectedBySchemaOnly("agent-requested.deploy-target-mars.json", "enum",
                        "/spec/deployTarget"),
                InvalidExample.rejectedBySchemaOnly("agent-requested.model-provider-unknown.json", "enum",
                        "/model/provider"));
    }

    @Test
    void everyInvalidExampleHasAnExpectation() {
        Set<String> expected = invalidExamples().map(InvalidExample::file).collect(Collectors.toSet());

        assertThat(jsonFilesIn(INVALID_DIRECTORY)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void invalidExampleFailsSchemaValidationForItsDefect(InvalidExample example) {
        EventType type = typeOfExample(example.file());
        Set<ValidationMessage> errors = withoutSubschemaErrors(
                validate(type, resource(INVALID_DIRECTORY + example.file())));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getType()).isEqualTo(example.keyword());
            assertThat(locationOf(error)).isEqualTo(example.location());
        });
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void invalidExampleIsRejectedByDecodeWhereDecodeCanTell(InvalidExample example) {
        EventType type = typeOfExample(example.file());
        String json = resource(INVALID_DIRECTORY + example.file());

        if (example.rejectedByDecode()) {
            assertThatThrownBy(() -> EventCodec.decode(json, type.recordType()))
                    .isInstanceOf(MalformedEventException.class);
        } else {
            assertThatCode(() -> EventCodec.decode(json, type.recordType()))
                    .as("decode now rejects %s: list it as rejectedByBoth", example.file())
                    .doesNotThrowAnyException();
        }
    }

    // --- schemas against records -----------------------------------------------------------------------------------

    @Test
    void schemaDirectoryHoldsTheEventSchemasAndTheSharedOne() {
        Set<String> expected = Arrays.stream(EventType.values())
                .map(EventContractTest::schemaFileName)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add(SHARED_SCHEMA);

        assertThat(jsonFilesIn(SCHEMA_DIRECTORY)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void schemaFileIsAValidDraft202012SchemaWithItsOwnId(String file) {
        JsonNode schema = SchemaNode.root(file).node();
        JsonSchema metaSchema = SCHEMA_FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12_META_SCHEMA));

        assertThat(metaSchema.validate(schema)).isEmpty();
        assertThat(schema.path("$id").asText()).isEqualTo(SCHEMA_BASE_IRI + file);
    }

    static Stream<String> schemaFiles() {
        return jsonFilesIn(SCHEMA_DIRECTORY).stream();
    }

    /** Property names and JSON types, recursively through nested records (AgentSpec and its parts, the bindings). */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaDescribesExactlyTheRecordComponents(EventType type) {
        List<String> mismatches = new ArrayList<>();

        compareRecordWithSchema(type.recordType(), SchemaNode.root(schemaFileName(type)),
                type.recordType().getSimpleName(), mismatches);

        assertThat(mismatches).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRequiresWhatEveryEventMustHave(EventType type) {
        JsonNode schema = SchemaNode.root(schemaFileName(type)).node();

        assertThat(texts(schema.path("required"))).contains("eventId", "jobId", "occurredAt", "schemaVersion");
        assertThat(schema.path("properties").path("schemaVersion").path("const").asInt())
                .isEqualTo(EventType.CURRENT_SCHEMA_VERSION);
    }

    // --- AsyncAPI document -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(EventType.class)
    void asyncApiDescribesTheEventsTopicMessageAndHeaders(EventType type) {
        JsonNode message = onlyMessageOf(channelWithAddress(type.topic()));

        assertThat(message.path("name").asText()).isEqualTo(type.recordType().getSimpleName());
        assertThat(message.path("contentType").asText()).isEqualTo("application/json");
        assertThat(message.path("payload").path("$ref").asText()).isEqualTo("./schemas/" + schemaFileName(type));
        assertThat(allowedHeaderValues(message.path("headers"), "ce_type")).containsExactly(type.cloudEventType());
        if (OPEN_TO_OTHER_PLATFORM_SERVICES.contains(type)) {
            assertThat(allowedHeaderValues(message.path("headers"), "ce_source"))
                    .as("ce_source of an event other platform services send is not a closed list")
                    .isEmpty();
        } else {
            assertThat(allowedHeaderValues(message.path("headers"), "ce_source"))
                    .containsExactlyInAnyOrderElementsOf(SENDERS.get(type));
        }
        List<String> sourcePatterns = headerSchemas(message.path("headers"), "ce_source")
                .filter(schema -> schema.has("pattern"))
                .map(schema -> schema.get("pattern").asText())
                .toList();
        assertThat(sourcePatterns).isNotEmpty();
        assertThat(SENDERS.get(type)).allSatisfy(sender -> assertThat(sourcePatterns)
                .allSatisfy(pattern -> assertThat(sender).containsPattern(pattern)));
        assertThat(requiredHeaders(message.path("headers")))
                .contains("ce_id", "ce_type", "ce_source", "ce_subject", "ce_specversion");
        JsonNode kafkaKey = resolveLocal(message.path("bindings")).path("kafka").path("key");
        assertThat(kafkaKey.path("type").asText()).isEqualTo("string");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void asyncApiNamesWhoSendsAndWhoReceivesTheEvent(EventType type) {
        Set<String> senders = new TreeSet<>(SENDERS.get(type));
        if (OPEN_TO_OTHER_PLATFORM_SERVICES.contains(type)) {
            senders.add(OTHER_PLATFORM_SERVICES_TAG);
        }

        assertThat(servicesDoing("send", type.topic())).isEqualTo(senders);
        assertThat(servicesDoing("receive", type.topic())).isEqualTo(RECEIVERS.get(type));
    }

    @ParameterizedTest
    @EnumSource(PipelineStep.class)
    void asyncApiDescribesEachServicesDeadLetterTopic(PipelineStep step) {
        String deadLetterTopic = Topics.deadLetter(step.service());
        JsonNode headers = resolveLocal(onlyMessageOf(channelWithAddress(deadLetterTopic)).path("headers"));

        assertThat(fieldNames(headers.path("properties"))).containsAll(DEAD_LETTER_HEADERS);
        assertThat(servicesDoing("send", deadLetterTopic)).containsExactly(step.service());
    }

    @Test
    void everyReferenceInTheAsyncApiDocumentResolves() {
        List<String> unresolved = new ArrayList<>();

        forEachReference(ASYNC_API, reference -> {
            boolean resolves = reference.startsWith("#")
                    ? !ASYNC_API.at(reference.substring(1)).isMissingNode()
                    : EventContractTest.class.getResource("/" + reference.replaceFirst("^\\./", "")) != null;
            if (!resolves) {
                unresolved.add(reference);
            }
        });

        assertThat(unresolved).isEmpty();
    }

    // --- schema helpers --------------------------------------------------------------------------------------------

    private static Set<ValidationMessage> validate(EventType type, String json) {
        JsonSchema schema = SCHEMA_FACTORY.getSchema(SchemaLocation.of(SCHEMA_BASE_IRI + schemaFileName(type)),
                ASSERT_FORMATS);
        return schema.validate(tree(json));
    }

    /**
     * Leaves out the errors of the subschemas of a failed oneOf: with no branch valid, the validator reports each
     * branch's error under the oneOf's own, and those say nothing the oneOf's error does not.
     */
    private static Set<ValidationMessage> withoutSubschemaErrors(Set<ValidationMessage> errors) {
        List<String> failedOneOfs = errors.stream()
                .filter(error -> "oneOf".equals(error.getType()))
                .map(error -> error.getEvaluationPath().toString() + "/")
                .toList();
        return errors.stream()
                .filter(error -> failedOneOfs.stream()
                        .noneMatch(oneOf -> error.getEvaluationPath().toString().startsWith(oneOf)))
                .collect(Collectors.toSet());
    }

    /** Where a defect is; a missing property is reported at its parent, so name the property itself. */
    private static String locationOf(ValidationMessage error) {
        return "required".equals(error.getType())
                ? error.getInstanceLocation().append(error.getProperty()).toString()
                : error.getInstanceLocation().toString();
    }

    private static void compareRecordWithSchema(Class<?> record, SchemaNode schema, String path,
                                                List<String> mismatches) {
        JsonNode properties = schema.node().path("properties");
        Set<String> componentNames = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> propertyNames = fieldNames(properties);
        if (!componentNames.equals(propertyNames)) {
            mismatches.add(path + ": record components " + componentNames + " but schema properties " + propertyNames);
        }
        Set<String> required = texts(schema.node().path("required"));
        for (RecordComponent component : record.getRecordComponents()) {
            JsonNode property = properties.get(component.getName());
            if (property == null) {
                continue;
            }
            String componentPath = path + "." + component.getName();
            // The codec always writes a primitive and decode rejects a missing one, so the schema must require it.
            if (component.getType().isPrimitive() && !required.contains(component.getName())) {
                mismatches.add(componentPath + ": a primitive must be required");
            }
            compareTypeWithSchema(component.getGenericType(), schema.at(property), componentPath, mismatches);
        }
    }

    private static void compareTypeWithSchema(Type javaType, SchemaNode unresolved, String path,
                                              List<String> mismatches) {
        SchemaNode schema = unresolved.resolve();
        JsonNode node = schema.node();
        Class<?> rawType = rawClass(javaType);
        if (rawType.isRecord()) {
            expectType(node, "object", null, path, mismatches);
            compareRecordWithSchema(rawType, schema, path, mismatches);
        } else if (List.class.isAssignableFrom(rawType)) {
            expectType(node, "array", null, path, mismatches);
            Type elementType = ((ParameterizedType) javaType).getActualTypeArguments()[0];
            compareTypeWithSchema(elementType, schema.at(node.path("items")), path + "[]", mismatches);
        } else if (rawType.isEnum()) {
            expectType(node, "string", null, path, mismatches);
            Set<String> constants = Arrays.stream(rawType.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!constants.equals(texts(node.path("enum")))) {
                mismatches.add(path + ": enum constants " + constants + " but schema enum " + texts(node.path("enum")));
            }
        } else if (rawType == UUID.class) {
            expectType(node, "string", "uuid", path, mismatches);
        } else if (rawType == Instant.class) {
            expectType(node, "string", "date-time", path, mismatches);
        } else if (rawType == String.class) {
            expectType(node, "string", null, path, mismatches);
        } else if (Map.class.isAssignableFrom(rawType)) {
            expectType(node, "object", null, path, mismatches);
            Type[] keyAndValue = ((ParameterizedType) javaType).getActualTypeArguments();
            if (keyAndValue[0] != String.class) {
                mismatches.add(path + ": JSON object keys are strings, not " + keyAndValue[0].getTypeName());
            }
            if (node.has("properties")) {
                mismatches.add(path + ": a map has no fixed properties");
            }
            if (node.path("additionalProperties").isObject()) {
                compareTypeWithSchema(keyAndValue[1], schema.at(node.get("additionalProperties")), path + "{}",
                        mismatches);
            } else {
                mismatches.add(path + ": a map's schema must describe its values in additionalProperties");
            }
        } else if (rawType == int.class || rawType == long.class || rawType == Integer.class
                || rawType == Long.class) {
            expectType(node, "integer", null, path, mismatches);
        } else if (rawType == double.class || rawType == Double.class) {
            expectType(node, "number", null, path, mismatches);
        } else if (rawType == boolean.class || rawType == Boolean.class) {
            expectType(node, "boolean", null, path, mismatches);
        } else {
            mismatches.add(path + ": this test knows no JSON form for " + javaType.getTypeName());
        }
    }

    /** Paths of every component reachable from a record, through records and lists of records. */
    private static void componentPaths(Class<?> record, String path, Set<String> paths) {
        for (RecordComponent component : record.getRecordComponents()) {
            String componentPath = path + "." + component.getName();
            paths.add(componentPath);
            Class<?> element = elementClass(component.getGenericType());
            if (element.isRecord()) {
                componentPaths(element, componentPath, paths);
            }
        }
    }

    /** Paths of the components an example gives a value: not absent, null, an empty list or an empty map. */
    private static void filledPaths(Class<?> record, JsonNode json, String path, Set<String> paths) {
        for (RecordComponent component : record.getRecordComponents()) {
            String componentPath = path + "." + component.getName();
            JsonNode value = json.path(component.getName());
            if (value.isMissingNode() || value.isNull() || (value.isContainerNode() && value.isEmpty())) {
                continue;
            }
            paths.add(componentPath);
            Class<?> element = elementClass(component.getGenericType());
            if (element.isRecord()) {
                (value.isArray() ? stream(value) : Stream.of(value))
                        .forEach(each -> filledPaths(element, each, componentPath, paths));
            }
        }
    }

    /** The class of a component, or of its elements if it is a list. */
    private static Class<?> elementClass(Type type) {
        return List.class.isAssignableFrom(rawClass(type))
                ? rawClass(((ParameterizedType) type).getActualTypeArguments()[0])
                : rawClass(type);
    }

    /** Null is allowed next to the type: the codec leaves nulls out, but other writers may send them. */
    private static void expectType(JsonNode schema, String jsonType, String format, String path,
                                   List<String> mismatches) {
        Set<String> types = schema.path("type").isArray()
                ? texts(schema.path("type"))
                : Set.of(schema.path("type").asText());
        Set<String> typesBesideNull = new TreeSet<>(types);
        typesBesideNull.remove("null");
        if (!typesBesideNull.equals(Set.of(jsonType))) {
            mismatches.add(path + ": expected JSON type " + jsonType + " but schema says " + types);
        }
        if (format != null && !format.equals(schema.path("format").asText())) {
            mismatches.add(path + ": expected format " + format + " but schema says " + schema.path("format"));
        }
    }

    private static Class<?> rawClass(Type type) {
        return type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
    }

    /** A node of a schema file, with the file its local $refs point into. */
    private record SchemaNode(JsonNode document, JsonNode node) {

        static SchemaNode root(String file) {
            JsonNode document = tree(resource(SCHEMA_DIRECTORY + file));
            return new SchemaNode(document, document);
        }

        SchemaNode at(JsonNode child) {
            return new SchemaNode(document, child);
        }

        /** Follows $ref: "#/pointer" within this file, "file.json" or "file.json#/pointer" beside it. */
        SchemaNode resolve() {
            JsonNode reference = node.get("$ref");
            if (reference == null) {
                return this;
            }
            String[] fileAndPointer = reference.asText().split("#", 2);
            SchemaNode base = fileAndPointer[0].isEmpty() ? this : root(fileAndPointer[0]);
            String pointer = fileAndPointer.length > 1 ? fileAndPointer[1] : "";
            return base.at(base.document().at(pointer)).resolve();
        }
    }

    // --- AsyncAPI helpers ------------------------------------------------------------------------------------------

    private static JsonNode channelWithAddress(String address) {
        return stream(ASYNC_API.path("channels"))
                .filter(channel -> address.equals(channel.path("address").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No channel has the address " + address));
    }

    private static JsonNode onlyMessageOf(JsonNode channel) {
        List<JsonNode> messages = stream(channel.path("messages")).map(EventContractTest::resolveLocal).toList();
        assertThat(messages).as("messages of channel %s", channel.path("address").asText()).hasSize(1);
        return messages.get(0);
    }

    /** The services tagged on the operations with this action on the channel with this address. */
    private static Set<String> servicesDoing(String action, String address) {
        return stream(ASYNC_API.path("operations"))
                .filter(operation -> action.equals(operation.path("action").asText()))
                .filter(operation -> address.equals(resolveLocal(operation.path("channel")).path("address").asText()))
                .flatMap(operation -> stream(operation.path("tags")))
                .map(tag -> tag.path("name").asText())
                .collect(Collectors.toSet());
    }

    /** The values a header's const or enum allows, across the header schema's allOf parts. */
    private static List<String> allowedHeaderValues(JsonNode headers, String header) {
        List<String> values = new ArrayList<>();
        headerSchemas(headers, header).forEach(headerSchema -> {
            if (headerSchema.has("const")) {
                values.add(headerSchema.get("const").asText());
            }
            stream(headerSchema.path("enum")).map(JsonNode::asText).forEach(values::add);
        });
        return values;
    }

    /** The schemas a header has, across the header schema's allOf parts. */
    private static Stream<JsonNode> headerSchemas(JsonNode headers, String header) {
        JsonNode schema = resolveLocal(headers);
        JsonNode headerSchema = schema.path("properties").path(header);
        return Stream.concat(headerSchema.isMissingNode() ? Stream.empty() : Stream.of(headerSchema),
                stream(schema.path("allOf")).flatMap(part -> headerSchemas(part, header)));
    }

    private static Set<String> requiredHeaders(JsonNode headers) {
        JsonNode schema = resolveLocal(headers);
        Set<String> required = texts(schema.path("required"));
        stream(schema.path("allOf")).forEach(part -> required.addAll(requiredHeaders(part)));
        return required;
    }

    private static JsonNode resolveLocal(JsonNode node) {
        JsonNode reference = node.get("$ref");
        return reference == null ? node : resolveLocal(ASYNC_API.at(reference.asText().substring(1)));
    }

    private static void forEachReference(JsonNode node, Consumer<String> action) {
        if (node.has("$ref")) {
            action.accept(node.get("$ref").asText());
        }
        node.elements().forEachRemaining(child -> forEachReference(child, action));
    }

    // --- files and trees -------------------------------------------------------------------------------------------

    private static String goldenFileName(EventType type) {
        return type.schemaName() + ".v" + EventType.CURRENT_SCHEMA_VERSION + ".json";
    }

    private static String golden(EventType type) {
        return resource(GOLDEN_DIRECTORY + goldenFileName(type));
    }

    private static String schemaFileName(EventType type) {
        return type.schemaResource().substring(SCHEMA_DIRECTORY.length());
    }

    /** Example files are named {@code <schemaName>.<anything>.json}. */
    private static EventType typeOfExample(String file) {
        String schemaName = file.substring(0, file.indexOf('.'));
        return Arrays.stream(EventType.values())
                .filter(type -> type.schemaName().equals(schemaName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No event type has the schema name of " + file));
    }

    private static JsonNode roundTrip(EventType type, String json) {
        PipelineEvent event = EventCodec.decode(json, type.recordType());
        assertThat(EventType.of(event)).isEqualTo(type);
        return tree(EventCodec.encode(event));
    }

    private static String resource(String path) {
        try (InputStream in = EventContractTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("No class-path resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the JSON files directly in a class-path directory (test resources are plain directories). */
    private static Set<String> jsonFilesIn(String directory) {
        URL url = EventContractTest.class.getResource(directory);
        if (url == null) {
            throw new AssertionError("No class-path directory " + directory);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }

    private static JsonNode readYaml(String path) {
        try {
            return new YAMLMapper().readTree(resource(path));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not YAML: " + path, e);
        }
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Stream<JsonNode> stream(JsonNode container) {
        return StreamSupport.stream(container.spliterator(), false);
    }
}
