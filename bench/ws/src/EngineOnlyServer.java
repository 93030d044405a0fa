import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.HealthChecks;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.chat.ConversationService;
import dev.tandem.server.chat.Reply;
import dev.tandem.server.http.HttpApp;
import dev.tandem.server.http.SocketLimits;
import dev.tandem.server.store.Database;
import dev.tandem.server.store.JdbcConversationStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The conversation engine alone (H2 store with group commit, conversation service, chat socket)
 * with an instant echo bot instead of the agent: what the engine costs, without the answers.
 * Usage: EngineOnlyServer PORT DATA_DIR
 */
public final class EngineOnlyServer {
    public static void main(String[] args) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        ServerConfig config = ServerConfig.fromEnv(Map.of("TANDEM_DATA_DIR", Path.of(args[1]).toString()));
        Database database = Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        var store = new JdbcConversationStore(database.dataSource(), json, Clock.systemUTC());
        var conversations = new ConversationService(store, (conversation, text, deltas) -> {
            deltas.accept("echo");
            return new Reply("echo: " + text, List.of(), List.of(), false);
        });
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var health = new HealthChecks().add("database", () -> new HealthChecks.Status(database.isUp(), Map.of()));
        new HttpApp(Integer.parseInt(args[0]), conversations, new IdentityTokens(ServerConfig.DEMO_IDENTITY_SECRET), health,
                metrics, List.of(), "", json, new SocketLimits(50_000, 50_000, 100, 400, 1_000_000, 1_000_000), null, null).start();
    }
}
