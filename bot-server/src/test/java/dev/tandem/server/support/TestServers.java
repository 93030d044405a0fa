package dev.tandem.server.support;

import dev.tandem.server.ServerConfig;
import dev.tandem.server.TandemServer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the real server on a random port over a temporary data folder and the demo knowledge. */
public final class TestServers {

    private TestServers() {}

    public static Path demoKnowledge() {
        return Path.of("..", "demo", "knowledge").toAbsolutePath().normalize();
    }

    public static ServerConfig config(Path dataDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("TANDEM_PORT", "0");
        env.put("TANDEM_DATA_DIR", dataDir.toString());
        env.put("TANDEM_KNOWLEDGE_DIR", demoKnowledge().toString());
        env.putAll(extra);
        return ServerConfig.fromEnv(env);
    }

    /** A plain JDBC connection to the database of a server started over {@code dataDir}. */
    public static java.sql.Connection jdbc(Path dataDir) throws java.sql.SQLException {
        ServerConfig config = config(dataDir, Map.of());
        return java.sql.DriverManager.getConnection(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
    }

    public static TandemServer start(Path dataDir) {
        return TandemServer.start(config(dataDir, Map.of()));
    }
}
