package dev.tandem.server.engine;

import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.Reply;
import dev.tandem.server.chat.Responder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A test double of the bot: answers "echo: TEXT" after streaming {@code deltas} pieces of {@code deltaChars}. */
public final class ScriptedBot implements Responder {

    private final int deltas;
    private final int deltaChars;
    private final Duration thinking;
    /** Only questions starting with this get the stream (null: all); the others get the answer alone. */
    private final String streamPrefix;
    private final AtomicInteger turns = new AtomicInteger();

    public ScriptedBot(int deltas, int deltaChars, Duration thinking) {
        this(deltas, deltaChars, thinking, null);
    }

    private ScriptedBot(int deltas, int deltaChars, Duration thinking, String streamPrefix) {
        this.deltas = deltas;
        this.deltaChars = deltaChars;
        this.thinking = thinking;
        this.streamPrefix = streamPrefix;
    }

    /** Streams {@code deltas} pieces only for questions starting with {@code prefix}. */
    public static ScriptedBot streamingFor(String prefix, int deltas, int deltaChars) {
        return new ScriptedBot(deltas, deltaChars, Duration.ZERO, prefix);
    }

    public static ScriptedBot echo() {
        return new ScriptedBot(2, 8, Duration.ZERO);
    }

    public int turns() {
        return turns.get();
    }

    @Override
    public Reply answer(Conversation conversation, String text, Consumer<String> stream) {
        turns.incrementAndGet();
        if (!thinking.isZero()) {
            try {
                Thread.sleep(thinking);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String piece = "x".repeat(deltaChars);
        if (streamPrefix == null || text.startsWith(streamPrefix)) {
            for (int i = 0; i < deltas; i++) stream.accept(piece);
        }
        return new Reply("echo: " + text, List.of(), List.of(), false);
    }
}
