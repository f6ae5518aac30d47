package io.agentfoundry.tester.service.local;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.agentfoundry.tester.service.local.LocalRuntimeClient.invocationUrlProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A LOCAL runtime's invocationUrl, from Kafka: an absolute http(s) base URL with a host, maybe of allowed hosts. */
class InvocationUrlTest {

    private static final Optional<List<String>> ANY_HOST = Optional.empty();

    @Test
    void httpAndHttpsBaseUrlsWithAHostPass() {
        assertThat(invocationUrlProblem("http://127.0.0.1:49153", ANY_HOST)).isEmpty();
        assertThat(invocationUrlProblem("https://runtime.example.com/agents/weather/", ANY_HOST)).isEmpty();
        assertThat(invocationUrlProblem("HTTP://[::1]:8080", ANY_HOST)).isEmpty();
    }

    @Test
    void eachProblemNamesTheField() {
        assertThat(invocationUrlProblem("http://[runtime", ANY_HOST)).get().asString()
                .startsWith("invocationUrl 'http://[runtime' is not a URI: ");
        assertThat(invocationUrlProblem("not a url", ANY_HOST)).get().asString()
                .startsWith("invocationUrl 'not a url' is not a URI: ");
        assertThat(invocationUrlProblem("/runtimes/weather", ANY_HOST))
                .contains("invocationUrl '/runtimes/weather' is not an absolute http or https URL");
        assertThat(invocationUrlProblem("file:///etc/passwd", ANY_HOST))
                .contains("invocationUrl 'file:///etc/passwd' is not an absolute http or https URL");
        assertThat(invocationUrlProblem("gopher://127.0.0.1:6379/_", ANY_HOST)).get().asString()
                .endsWith("is not an absolute http or https URL");
        assertThat(invocationUrlProblem("http:///ping", ANY_HOST))
                .contains("invocationUrl 'http:///ping' names no host");
        assertThat(invocationUrlProblem("http:runtime", ANY_HOST))
                .contains("invocationUrl 'http:runtime' names no host");
        assertThat(invocationUrlProblem("http://runtime:8080/?debug=1", ANY_HOST)).contains("invocationUrl"
                + " 'http://runtime:8080/?debug=1' has a query or fragment; it must be the runtime's base URL");
        assertThat(invocationUrlProblem("http://runtime/" + "a".repeat(2048), ANY_HOST)).get().asString()
                .endsWith("is longer than 2048 characters");
    }

    @Test
    void withAllowedHostsOnlyThoseHostsPass() {
        Optional<List<String>> allowed = Optional.of(List.of("127.0.0.1", " agents.internal"));
        assertThat(invocationUrlProblem("http://127.0.0.1:49153", allowed)).isEmpty();
        assertThat(invocationUrlProblem("http://AGENTS.internal:8080", allowed)).isEmpty();
        assertThat(invocationUrlProblem("http://169.254.169.254/latest/meta-data", allowed))
                .contains("invocationUrl 'http://169.254.169.254/latest/meta-data' names host '169.254.169.254',"
                        + " which is not in agentfoundry.tester.local.allowed-hosts");
    }
}
