package dev.tandem.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientFrameTest {

    private final ObjectMapper json = new ObjectMapper();

    private ClientFrame decode(String text) throws JsonProcessingException {
        return json.readValue(text, ClientFrame.class);
    }

    @Test
    void decodes_each_frame_type() throws Exception {
        assertThat(decode("{\"type\":\"hello\",\"visitorId\":\"v\",\"lastSeq\":7,\"lang\":\"en\",\"extra\":1}"))
                .isEqualTo(new ClientFrame.Hello("v", null, null, 7L, "en"));
        assertThat(decode("{\"type\":\"message\",\"cid\":\"c1\",\"text\":\"hi\"}"))
                .isEqualTo(new ClientFrame.SendText("c1", "hi"));
        assertThat(decode("{\"type\":\"feedback\",\"seq\":3,\"rating\":-1}"))
                .isEqualTo(new ClientFrame.Feedback(3, -1));
        assertThat(decode("{\"type\":\"escalate\"}")).isEqualTo(new ClientFrame.Escalate(null));
        assertThat(decode("{\"type\":\"typing\"}")).isInstanceOf(ClientFrame.Typing.class);
    }

    @Test
    void unknown_type_is_its_own_error() {
        assertThatThrownBy(() -> decode("{\"type\":\"rm -rf\"}")).isInstanceOf(InvalidTypeIdException.class);
        assertThatThrownBy(() -> decode("{\"text\":\"no type\"}")).isInstanceOf(InvalidTypeIdException.class);
    }

    @Test
    void invalid_values_are_rejected_with_a_reason() {
        assertThatThrownBy(() -> decode("{\"type\":\"message\",\"text\":\"no cid\"}"))
                .isInstanceOf(ValueInstantiationException.class).hasMessageContaining("cid is required");
        assertThatThrownBy(() -> decode("{\"type\":\"message\",\"cid\":\"c\",\"text\":\"" + "x".repeat(4001) + "\"}"))
                .isInstanceOf(ValueInstantiationException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> decode("{\"type\":\"feedback\",\"seq\":1,\"rating\":5}"))
                .isInstanceOf(ValueInstantiationException.class);
    }

    @Test
    void malformed_json_is_a_parse_error() {
        assertThatThrownBy(() -> decode("{\"type\":\"message\",")).isInstanceOf(JsonProcessingException.class)
                .isNotInstanceOf(InvalidTypeIdException.class);
    }
}
