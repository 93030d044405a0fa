package dev.tandem.server.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lowers the OS scheduling priority (raises the nice value) of the calling platform thread, on Linux.
 * Java's {@link Thread#setPriority} does not reach the Linux scheduler unless the JVM runs with
 * {@code -XX:ThreadPriorityPolicy=1}; a thread's nice value does, and any process may raise its own
 * threads' nice values. The thread's id comes from {@code /proc/thread-self}; {@code renice} sets it.
 * Best effort: elsewhere, or when either is missing, the thread keeps its priority (logged once).
 */
final class OsThreadPriority {

    private static final Logger log = LoggerFactory.getLogger(OsThreadPriority.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final AtomicBoolean warned = new AtomicBoolean();

    private OsThreadPriority() {}

    /** Sets the calling thread's nice value to {@code nice} (1–19); 0 or less changes nothing. Returns whether it was set. */
    static boolean lowerCurrentThread(int nice) {
        if (nice <= 0 || Thread.currentThread().isVirtual() || !Files.exists(THREAD_SELF)) return false;
        try {
            Path self = Files.readSymbolicLink(THREAD_SELF); // "<pid>/task/<tid>"
            String tid = self.getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(Math.min(nice, 19)), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (renice.waitFor(5, TimeUnit.SECONDS) && renice.exitValue() == 0) return true;
            renice.destroy();
            warnOnce("renice exited with " + (renice.isAlive() ? "no status" : renice.exitValue()));
        } catch (IOException | RuntimeException e) {
            warnOnce(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The nice value of the calling thread, from {@code /proc/thread-self/stat} (field 19); empty where unknown. */
    static OptionalInt niceOfCurrentThread() {
        try {
            String stat = Files.readString(THREAD_SELF.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(fields[16])); // field 19 of stat, counted from "state" (3)
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static void warnOnce(String why) {
        if (warned.compareAndSet(false, true)) {
            log.info("answering threads keep the normal OS priority ({})", why);
        }
    }
}
