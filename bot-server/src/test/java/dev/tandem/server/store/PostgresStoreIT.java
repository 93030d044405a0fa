package dev.tandem.server.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same migrations and the store contract on a real PostgreSQL server, started by the test from
 * Debian's binaries (/usr/lib/postgresql/N/bin) in a temporary folder on a free port. Skipped when
 * PostgreSQL is not installed. initdb refuses to run as root, so as root it runs as {@code postgres}.
 */
class PostgresStoreIT extends ConversationStoreContract {

    static Path dir;
    static Path bin;
    static int port;
    static Database database;

    @BeforeAll
    static void startPostgres() throws Exception {
        bin = findBin();
        Assumptions.assumeTrue(bin != null, "PostgreSQL server binaries not installed (/usr/lib/postgresql/*/bin)");
        boolean root = "root".equals(System.getProperty("user.name"));
        dir = Files.createTempDirectory("tandem-pg");
        if (root) {
            Assumptions.assumeTrue(run(List.of("id", "postgres")) == 0, "no postgres user to run initdb as");
            run(List.of("chmod", "755", dir.toString()));
            run(List.of("chown", "postgres", dir.toString()));
        }
        Path data = dir.resolve("data");
        port = freePort();
        int initdb = run(asServerUser(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
                "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")));
        assertThat(initdb).as("initdb").isZero();
        int started = run(asServerUser(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", dir.resolve("pg.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start")));
        assertThat(started).as("pg_ctl start; log:%n%s", readQuietly(dir.resolve("pg.log"))).isZero();
        database = Database.open("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (database != null) database.close();
        if (bin != null && dir != null && Files.exists(dir.resolve("data"))) {
            boolean root = "root".equals(System.getProperty("user.name"));
            run(asServerUser(root, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-m", "immediate", "stop")));
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    Database database() {
        return database;
    }

    @Test
    void every_migration_is_applied_on_postgresql() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
             var rs = c.createStatement().executeQuery("SELECT COUNT(*), SUM(CASE WHEN success THEN 0 ELSE 1 END) FROM flyway_schema_history")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(2);
            assertThat(rs.getInt(2)).isZero();
        }
    }

    private static List<String> asServerUser(boolean root, List<String> command) {
        if (!root) return command;
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static Path findBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return null;
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(none)";
        }
    }
}
