package dev.tandem.server.agent;

import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The compact parser gives the events, errors and cancellations LangChain4j's default parser gives. */
class CompactSseParserTest {

    private static final List<String> BODIES = List.of(
            "data: {\"choices\":[{\"delta\":{\"content\":\"tok0 \"}}]}\n\ndata: [DONE]\n\n",
            "data: one\r\n\r\ndata: two\r\rdata: three\r\n\n",
            "event: error\ndata: {\"error\":\"x\"}\n\n",
            "event:  named  \ndata:no space\ndata:  two spaces\n\n",
            "data: a\ndata: b\n\ndata: last without a blank line",
            "data: tail without end\r",
            ": a comment\nid: 7\nretry: 10\ndata: kept\n\n\n\n",
            "event: lonely\n\ndata: after an event without data\n\n",
            "data: Bảo hành máy lọc nước bao lâu? 24 tháng ✓\n\n",
            "data:\n\ndata: \n\n",
            "");

    @Test
    void same_events_as_the_default_parser_however_the_bytes_arrive() {
        Random random = new Random(11);
        for (String body : BODIES) {
            for (int maxRead = 1; maxRead <= 600; maxRead += maxRead < 8 ? 1 : 97) {
                assertSameAsDefault(body, maxRead, random);
            }
        }
    }

    @Test
    void same_events_as_the_default_parser_on_random_streams() {
        String[] pieces = {"data:", "data: ", "event:", "event: x", ":", " ", "a", "ế", "✓", "\n", "\n", "\r", "\r\n", "{\"k\":1}"};
        Random random = new Random(5);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder body = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) body.append(pieces[random.nextInt(pieces.length)]);
            assertSameAsDefault(body.toString(), 1 + random.nextInt(64), random);
        }
    }

    @Test
    void a_cancelled_stream_gives_no_more_events() {
        String body = "data: one\n\ndata: two\n\ndata: three\n\n";
        for (ServerSentEventParser parser : List.of(new DefaultServerSentEventParser(), new CompactSseParser())) {
            List<String> seen = new ArrayList<>();
            parser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), new ServerSentEventListener() {
                @Override
                public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                    seen.add(event.data());
                    context.parsingHandle().cancel();
                }

                @Override
                public void onError(Throwable error) {
                    seen.add("error");
                }
            });
            assertThat(seen).as(parser.getClass().getSimpleName()).containsExactly("one");
        }
    }

    @Test
    void a_broken_connection_is_an_error_after_the_events_read() {
        byte[] body = "data: one\n\ndata: tw".getBytes(StandardCharsets.UTF_8);
        assertThat(run(new CompactSseParser(), failingAfter(body)))
                .isEqualTo(run(new DefaultServerSentEventParser(), failingAfter(body)))
                .containsExactly("null|one", "error IOException");
    }

    private static void assertSameAsDefault(String body, int maxRead, Random random) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(run(new CompactSseParser(), trickling(bytes, maxRead, random)))
                .as("%s read %d bytes at most", body.replace("\r", "\\r").replace("\n", "\\n"), maxRead)
                .isEqualTo(run(new DefaultServerSentEventParser(), new ByteArrayInputStream(bytes)));
    }

    private static List<String> run(ServerSentEventParser parser, InputStream body) {
        List<String> seen = new ArrayList<>();
        parser.parse(body, new ServerSentEventListener() {
            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                seen.add(event.event() + "|" + event.data());
            }

            @Override
            public void onError(Throwable error) {
                seen.add("error " + error.getClass().getSimpleName());
            }
        });
        return seen;
    }

    /** Returns between 1 and {@code maxRead} bytes per read, as a network does. */
    private static InputStream trickling(byte[] bytes, int maxRead, Random random) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
            }
        };
    }

    private static InputStream failingAfter(byte[] bytes) {
        return new InputStream() {
            private int next;

            @Override
            public int read() throws IOException {
                if (next == bytes.length) throw new IOException("connection reset");
                return bytes[next++] & 0xff;
            }
        };
    }
}
