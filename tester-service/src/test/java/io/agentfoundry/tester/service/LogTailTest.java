package io.agentfoundry.tester.service;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @Test
    void shortLogsAreKeptWhole() {
        assertThat(TestRunService.tail("one\ntwo\n")).isEqualTo("one\ntwo\n");
    }

    @Test
    void onlyTheLast200LinesAreKept() {
        String logs = IntStream.rangeClosed(1, 1000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        String tail = TestRunService.tail(logs);
        assertThat(tail.lines()).hasSize(200).first().isEqualTo("line 801");
        assertThat(tail).endsWith("line 1000");
    }

    @Test
    void longLinesAreCutTo64KilobytesFromTheEnd() {
        String logs = "x".repeat(100_000) + "\nthe last line";
        String tail = TestRunService.tail(logs);
        assertThat(tail).hasSize(64 * 1024).endsWith("x\nthe last line");
    }
}
