package dev.tandem.server.engine;

import dev.tandem.server.http.SocketLimits;
import dev.tandem.server.support.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behind a reverse proxy (here: the test itself on 127.0.0.1, configured as trusted) the per-IP
 * socket limit counts the visitors named in X-Forwarded-For, not the proxy.
 */
class TrustedProxyIT {

    @TempDir
    static Path dataDir;
    static EngineServer server;

    @BeforeAll
    static void start() {
        var limits = new SocketLimits(100, 2, 100, 100, 100, 100).behind(List.of("127.0.0.1", "::1"));
        server = EngineServer.start(dataDir, ScriptedBot.echo(), limits);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_per_ip_limit_counts_each_forwarded_client_separately() throws Exception {
        List<WsTestClient> open = new ArrayList<>();
        try {
            for (String visitor : List.of("203.0.113.1", "203.0.113.2", "203.0.113.3")) {
                for (int i = 0; i < 2; i++) open.add(WsTestClient.connectWith(server.port(), Map.of("X-Forwarded-For", visitor)));
            }
            // six sockets through one proxy address, two per visitor: a third for one visitor is refused
            assertThatThrownBy(() -> WsTestClient.connectWith(server.port(), Map.of("X-Forwarded-For", "203.0.113.2")))
                    .rootCause().hasMessageContaining("status code 503");
            // a visitor who writes another address in front of the proxy's entry is still counted by the proxy's
            assertThatThrownBy(() -> WsTestClient.connectWith(server.port(), Map.of("X-Forwarded-For", "198.51.100.9, 203.0.113.1")))
                    .rootCause().hasMessageContaining("status code 503");
            open.add(WsTestClient.connectWith(server.port(), Map.of("X-Forwarded-For", "203.0.113.4")));
        } finally {
            open.forEach(WsTestClient::close);
        }
    }
}
