package io.agentfoundry.tester.service.agentcore;

import io.agentfoundry.tester.config.TesterConfig;
import io.agentfoundry.tester.testsupport.ShippedSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One set of SDK clients per region: only for regions of the schema's form, and only so many kept open. */
class AgentCoreClientsTest {

    private final AgentCoreClients clients =
            new AgentCoreClients(ShippedSettings.shipped().getConfigMapping(TesterConfig.class));

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void aRegionNotOfTheSchemasFormGetsNoClient() {
        assertThatThrownBy(() -> clients.control("attacker.example.com/us-east-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region 'attacker.example.com/us-east-1' does not match ^[a-z]{2}(-[a-z]+)+-[0-9]+$"
                        + " (at most 50 characters)");
        assertThatThrownBy(() -> clients.logs(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clients.openRegions()).isEmpty();
    }

    @Test
    void theClientsOfARegionAreMadeOnceAndShared() {
        assertThat(clients.control("eu-west-1")).isSameAs(clients.control("eu-west-1"));
        assertThat(clients.dataPlane("eu-west-1")).isSameAs(clients.dataPlane("eu-west-1"));
        assertThat(clients.logs("eu-west-1")).isSameAs(clients.logs("eu-west-1"));
        assertThat(clients.openRegions()).containsExactly("eu-west-1");
    }

    @Test
    void onlyTheMostRecentlyUsedRegionsAreKept() {
        clients.control("us-east-1");
        // well-formed but made up: a stream of them must not make the tester hold clients without end
        IntStream.rangeClosed(1, AgentCoreClients.MAX_REGIONS + 4).forEach(i -> {
            clients.logs("zz-crafted-" + i);
            clients.dataPlane("us-east-1");
        });

        assertThat(clients.openRegions()).hasSize(AgentCoreClients.MAX_REGIONS)
                .contains("us-east-1", "zz-crafted-" + (AgentCoreClients.MAX_REGIONS + 4))
                .doesNotContain("zz-crafted-1");
    }

    @Test
    void closedClientsServeNoMore() {
        clients.control("us-west-2");
        clients.close();

        assertThat(clients.openRegions()).isEmpty();
        assertThatThrownBy(() -> clients.control("us-west-2")).isInstanceOf(IllegalStateException.class);
    }
}
