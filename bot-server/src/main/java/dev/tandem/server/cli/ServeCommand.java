package dev.tandem.server.cli;

import dev.tandem.server.ServerConfig;
import dev.tandem.server.TandemServer;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code ./tandem serve}: starts the server with configuration from TANDEM_* variables. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the server (default). Configure with TANDEM_* environment variables or tandem.properties.")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnv(environment());
        } catch (IllegalArgumentException e) {
            System.err.println("tandem: " + e.getMessage());
            return 2;
        }
        try {
            TandemServer server = TandemServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
            return 0;
        } catch (RuntimeException e) {
            System.err.println("tandem: cannot start: " + e.getMessage());
            return 1;
        }
    }

    /**
     * TANDEM_* keys from {@code tandem.properties} in the working directory (or the file named by
     * TANDEM_CONFIG), overridden by the environment.
     */
    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        Path file = Path.of(System.getenv().getOrDefault("TANDEM_CONFIG", "tandem.properties"));
        if (Files.isRegularFile(file)) {
            var properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
            properties.stringPropertyNames().forEach(k -> env.put(k, properties.getProperty(k)));
        }
        System.getenv().forEach((k, v) -> { if (k.startsWith("TANDEM_")) env.put(k, v); });
        return env;
    }
}
