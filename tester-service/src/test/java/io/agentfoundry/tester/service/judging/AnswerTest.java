package io.agentfoundry.tester.service.judging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTest {

    @Test
    void aJsonAnswerSaysItsResult() {
        Answer answer = Answer.of(200, "application/json", "{\"result\": \"Sunny and warm\"}", 12);
        assertThat(answer.text()).isEqualTo("Sunny and warm");
        assertThat(answer.succeeded()).isTrue();
    }

    @Test
    void aJsonAnswerWithoutResultIsItsWholeBody() {
        Answer answer = Answer.of(200, "application/json; charset=utf-8", "{\"city\": \"Paris\"}", 12);
        assertThat(answer.text()).isEqualTo("{\"city\": \"Paris\"}");
    }

    @Test
    void aResultThatIsAnObjectIsKeptAsJson() {
        Answer answer = Answer.of(200, "application/json", "{\"result\": {\"city\": \"Paris\"}}", 12);
        assertThat(answer.text()).isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void aStreamSaysTheConcatenatedDataOfItsFrames() {
        String body = "data: {\"data\": \"Sunny \"}\n\n: a comment\nevent: message\ndata: {\"data\": \"and\"}\r\n\r\n"
                + "data: {\"data\": \" warm\"}";
        Answer answer = Answer.of(200, "text/event-stream; charset=utf-8", body, 12);
        assertThat(answer.text()).isEqualTo("Sunny and warm");
        assertThat(answer.succeeded()).isTrue();
    }

    @Test
    void aStreamTakesPlainStringFramesAndSkipsFrameworkEvents() {
        String body = "data: \"Hello\"\n\ndata: {\"event\": {\"messageStart\": {}}}\n\ndata: , world\n\n";
        assertThat(Answer.of(200, "text/event-stream", body, 12).text()).isEqualTo("Hello, world");
    }

    @Test
    void anErrorFrameFailsTheAnswerWithItsError() {
        String body = "data: {\"data\": \"Let me check\"}\n\ndata: {\"error\": \"model quota exceeded\"}\n\n";
        Answer answer = Answer.of(200, "text/event-stream", body, 12);
        assertThat(answer.succeeded()).isFalse();
        assertThat(answer.error()).isEqualTo("model quota exceeded");
        assertThat(answer.text()).isEqualTo("Let me check");
    }

    @Test
    void aFailedJsonAnswerCarriesItsError() {
        Answer answer = Answer.of(500, "application/json", "{\"error\": \"boom\"}", 12);
        assertThat(answer.succeeded()).isFalse();
        assertThat(answer.error()).isEqualTo("boom");
    }

    @Test
    void aBodyThatIsNotJsonIsTheText() {
        Answer answer = Answer.of(200, "text/plain", "just words", 12);
        assertThat(answer.text()).isEqualTo("just words");
        assertThat(Answer.of(200, null, "", 12).text()).isEmpty();
    }
}
