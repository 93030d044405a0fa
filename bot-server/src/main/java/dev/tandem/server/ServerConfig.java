package dev.tandem.server;

import dev.tandem.server.agent.AgentFactory;
import dev.tandem.server.http.SocketLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's whole configuration, read once from {@code TANDEM_*} keys and validated here.
 *
 * @param port            HTTP and WebSocket port; 0 picks a free port (tests)
 * @param dataDir         H2 database, Lucene index and other state
 * @param knowledgeDir    documents indexed at start
 * @param llmProvider     offline, openai or ollama
 * @param llmBaseUrl      endpoint of the LLM when not offline
 * @param llmApiKey       API key for the endpoint, may be empty
 * @param llmModel        model name at the endpoint
 * @param llmTimeouts     how long a stream may wait for its first token and between tokens before the
 *                        turn is answered offline: TANDEM_LLM_FIRST_TOKEN_TIMEOUT, TANDEM_LLM_TOKEN_TIMEOUT
 * @param jdbcUrl         JDBC URL; by default an H2 file in the data dir
 * @param jdbcUser        database user
 * @param jdbcPassword    database password
 * @param allowedOrigins  extra WebSocket origins; the server's own origin is always allowed
 * @param identitySecret  HMAC key for B2B identity tokens
 * @param adminToken      bearer token for the admin REST API ({@code /api/admin/*}); empty disables it
 * @param socketLimits    chat socket limits: TANDEM_MAX_CONNECTIONS, TANDEM_MAX_CONNECTIONS_PER_IP,
 *                        TANDEM_MESSAGES_PER_SECOND, TANDEM_IP_MESSAGES_PER_SECOND (bursts are 4× and 3×),
 *                        TANDEM_TRUSTED_PROXIES (whose X-Forwarded-For names the client IP)
 */
public record ServerConfig(
        int port,
        Path dataDir,
        Path knowledgeDir,
        String llmProvider,
        String llmBaseUrl,
        String llmApiKey,
        String llmModel,
        LlmTimeouts llmTimeouts,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        List<String> allowedOrigins,
        String identitySecret,
        String adminToken,
        SocketLimits socketLimits) {

    /** Stream timeouts of a real LLM provider (a stream that passes one is answered offline). */
    public record LlmTimeouts(Duration firstToken, Duration betweenTokens) {
        static final LlmTimeouts HOSTED = new LlmTimeouts(
                AgentFactory.Provider.HOSTED_FIRST_TOKEN_TIMEOUT, AgentFactory.Provider.HOSTED_TOKEN_TIMEOUT);
        /** Ollama loads a model into memory on its first request, which can take half a minute on a CPU. */
        static final LlmTimeouts OLLAMA = new LlmTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** Used when no secret is configured; the server warns at start. */
    public static final String DEMO_IDENTITY_SECRET = "tandem-demo-secret-change-me-0123456789abcdef";

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("TANDEM_PORT must be 0..65535, was " + port);
        if (!List.of("offline", "openai", "ollama").contains(llmProvider)) {
            throw new IllegalArgumentException("TANDEM_LLM_PROVIDER must be offline, openai or ollama, was " + llmProvider);
        }
        if (!llmProvider.equals("offline") && (llmModel == null || llmModel.isBlank())) {
            throw new IllegalArgumentException("TANDEM_LLM_MODEL is required when TANDEM_LLM_PROVIDER=" + llmProvider);
        }
        if (identitySecret.length() < 32) {
            throw new IllegalArgumentException("TANDEM_IDENTITY_SECRET must be at least 32 characters");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        if (socketLimits == null) socketLimits = SocketLimits.defaults();
        if (!adminToken.isEmpty() && adminToken.length() < 16) {
            throw new IllegalArgumentException("TANDEM_ADMIN_TOKEN must be at least 16 characters");
        }
    }

    /** Reads the configuration from environment-style keys; absent keys take the demo defaults. */
    public static ServerConfig fromEnv(Map<String, String> env) {
        Path dataDir = Path.of(get(env, "TANDEM_DATA_DIR").orElse("data")).toAbsolutePath().normalize();
        String provider = get(env, "TANDEM_LLM_PROVIDER").orElse("offline").toLowerCase();
        String defaultBaseUrl = provider.equals("ollama") ? "http://localhost:11434/v1" : "https://api.openai.com/v1";
        return new ServerConfig(
                parsePort(get(env, "TANDEM_PORT").orElse("8080")),
                dataDir,
                Path.of(get(env, "TANDEM_KNOWLEDGE_DIR").orElse("demo/knowledge")).toAbsolutePath().normalize(),
                provider,
                get(env, "TANDEM_LLM_BASE_URL").orElse(defaultBaseUrl),
                get(env, "TANDEM_LLM_API_KEY").orElse(""),
                get(env, "TANDEM_LLM_MODEL").orElse(""),
                llmTimeouts(env, provider.equals("ollama") ? LlmTimeouts.OLLAMA : LlmTimeouts.HOSTED),
                get(env, "TANDEM_JDBC_URL").orElse(defaultJdbcUrl(dataDir)),
                get(env, "TANDEM_JDBC_USER").orElse("sa"),
                get(env, "TANDEM_JDBC_PASSWORD").orElse(""),
                get(env, "TANDEM_ALLOWED_ORIGINS").map(ServerConfig::splitList).orElse(List.of()),
                get(env, "TANDEM_IDENTITY_SECRET").orElse(DEMO_IDENTITY_SECRET),
                get(env, "TANDEM_ADMIN_TOKEN").orElse(""),
                socketLimits(env));
    }

    private static LlmTimeouts llmTimeouts(Map<String, String> env, LlmTimeouts defaults) {
        return new LlmTimeouts(
                seconds(env, "TANDEM_LLM_FIRST_TOKEN_TIMEOUT", defaults.firstToken()),
                seconds(env, "TANDEM_LLM_TOKEN_TIMEOUT", defaults.betweenTokens()));
    }

    private static Duration seconds(Map<String, String> env, String key, Duration fallback) {
        double seconds = number(env, key, fallback.toMillis() / 1000.0);
        if (!(seconds > 0) || seconds > 600) {
            throw new IllegalArgumentException(key + " must be a number of seconds above 0 and at most 600, was " + env.get(key));
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static SocketLimits socketLimits(Map<String, String> env) {
        SocketLimits d = SocketLimits.defaults();
        double perSocket = number(env, "TANDEM_MESSAGES_PER_SECOND", d.messagesPerSecond());
        double perIp = number(env, "TANDEM_IP_MESSAGES_PER_SECOND", d.ipMessagesPerSecond());
        return new SocketLimits(
                (int) number(env, "TANDEM_MAX_CONNECTIONS", d.maxConnections()),
                (int) number(env, "TANDEM_MAX_CONNECTIONS_PER_IP", d.maxConnectionsPerIp()),
                perSocket, perSocket * 4, perIp, perIp * 3,
                get(env, "TANDEM_TRUSTED_PROXIES").map(ServerConfig::splitList).orElse(List.of()));
    }

    private static double number(Map<String, String> env, String key, double fallback) {
        String value = get(env, key).orElse(null);
        if (value == null) return fallback;
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was " + value);
        }
    }

    public boolean usesDemoSecret() {
        return identitySecret.equals(DEMO_IDENTITY_SECRET);
    }

    public Path indexDir() {
        return dataDir.resolve("index");
    }

    /*
     * WRITE_DELAY=0: a commit is flushed before it returns, so an ack never precedes durability.
     * FILE_LOCK is H2's default (FILE): a second process on the same files fails fast.
     */
    private static String defaultJdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("tandem") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    private static Optional<String> get(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TANDEM_PORT must be a number, was " + value);
        }
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
