package dev.tandem.server.engine;

import dev.tandem.server.support.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tandem.server.engine.Frames.ack;
import static dev.tandem.server.engine.Frames.cid;
import static dev.tandem.server.engine.Frames.errorCodes;
import static dev.tandem.server.engine.Frames.hello;
import static dev.tandem.server.engine.Frames.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full disk: the data dir on a small tmpfs (needs root; skipped otherwise). A message that cannot
 * be stored is not acked, the client is told {@code store_unavailable}; once space is freed the
 * resend is stored once, and nothing acked before is lost.
 */
class DiskFullIT {

    Path mountPoint;
    boolean mounted;

    @BeforeEach
    void mountTinyDisk() throws Exception {
        mountPoint = Files.createTempDirectory("tandem-full-disk");
        mounted = run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mountPoint.toString()) == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) run("umount", "-l", mountPoint.toString());
        Files.deleteIfExists(mountPoint);
    }

    @Test
    void a_full_disk_gives_no_ack_but_store_unavailable_and_loses_nothing() throws Exception {
        Path data = mountPoint.resolve("data");
        try (var server = EngineServer.start(data, ScriptedBot.echo()); var client = WsTestClient.connect(server.port())) {
            // given: a conversation with stored messages, then a disk with no room left
            String conversation = hello(client).path("conversationId").asText();
            List<String> acked = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String cid = cid();
                message(client, cid, "before " + i);
                ack(client, cid);
                acked.add(cid);
            }
            Path filler = mountPoint.resolve("filler");
            fill(filler);

            // when: messages keep coming
            String refused = null;
            String text = "x".repeat(3_900);
            for (int i = 0; i < 200 && refused == null; i++) {
                String cid = cid();
                message(client, cid, text);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline) {
                    if (client.seen().stream().anyMatch(f -> f.path("type").asText().equals("ack") && f.path("cid").asText().equals(cid))) {
                        acked.add(cid);
                        break;
                    }
                    if (errorCodes(client).contains("store_unavailable")) {
                        refused = cid;
                        break;
                    }
                    Thread.sleep(5);
                }
            }

            // then: the client was told, and got no ack for it
            assertThat(refused).as("a message refused for lack of space").isNotNull();
            String refusedCid = refused;
            assertThat(client.seen()).noneMatch(f -> f.path("type").asText().equals("ack") && f.path("cid").asText().equals(refusedCid));

            // and when space comes back, the resend is stored once, nothing acked is lost
            Files.delete(filler);
            await().atMost(Frames.WAIT).pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                message(client, refusedCid, text);
                Thread.sleep(200);
                return client.seen().stream().anyMatch(f -> f.path("type").asText().equals("ack") && f.path("cid").asText().equals(refusedCid));
            });
            var stored = server.conversations().transcript(conversation).stream()
                    .filter(m -> m.role().equals("user")).map(m -> m.cid()).toList();
            assertThat(stored).doesNotHaveDuplicates().containsAll(acked).contains(refusedCid);
        }
    }

    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(block);
        } catch (IOException full) {
            // no space left on device: what we wanted
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
