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
    private final AtomicInteger turns = new AtomicInteger();

    public ScriptedBot(int deltas, int deltaChars, Duration thinking) {
        this.deltas = deltas;
        this.deltaChars = deltaChars;
        this.thinking = thinking;
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
        for (int i = 0; i < deltas; i++) stream.accept(piece);
        return new Reply("echo: " + text, List.of(), List.of(), false);
    }
}
