package dev.tandem.server.chat;

import dev.tandem.server.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversation engine: opens and resumes conversations, stores messages before acknowledging
 * them, delivers every durable event to every connected client exactly once and in order, and runs
 * the bot's turns one at a time per conversation.
 */
public final class ConversationService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConversationService.class);

    private final ConversationStore store;
    private final Responder responder;
    private final ConversationHub hub = new ConversationHub();
    private final ConversationLocks locks = new ConversationLocks(1 << 16);
    /**
     * Bot turns composing an answer at once, at most; the others wait parked. High enough for a remote LLM
     * (turns mostly wait on the network); the JVM property {@code tandem.maxConcurrentTurns} lowers
     * it for a CPU-bound answerer on a small machine.
     */
    static final int MAX_CONCURRENT_TURNS = Integer.getInteger("tandem.maxConcurrentTurns", 64);
    private final TurnScheduler turns = new TurnScheduler(MAX_CONCURRENT_TURNS);
    private static final int REPLY_ATTEMPTS = 3; // a full disk or a failover often clears within a second
    private static final Duration REPLY_RETRY_PAUSE = Duration.ofMillis(500);

    private final Escalations escalations;
    /**
     * Conversations as read under their lock or as changed here, so that a user's message and a bot
     * turn do not read the database for the status and identity (three reads per message before).
     * Every status change goes through this service under the conversation's lock, which also
     * replaces the entry; an entry is only ever filled under that lock, so it is never older than
     * the last change. {@code lastSeq} in an entry is the one read then: the paths that need the
     * current one (open, transcript) read the store.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Conversation> known = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int KNOWN_MAX = 100_000;

    public ConversationService(ConversationStore store, Responder responder) {
        this(store, responder, Escalations.none());
    }

    public ConversationService(ConversationStore store, Responder responder, Escalations escalations) {
        this.store = Objects.requireNonNull(store);
        this.responder = Objects.requireNonNull(responder);
        this.escalations = Objects.requireNonNull(escalations);
    }

    /**
     * Resumes the requested conversation when it belongs to this visitor and identity, else starts
     * a new one; sends the welcome, replays every event after the client's lastSeq, then keeps the
     * listener informed of new events.
     */
    public Conversation open(OpenRequest request, ConversationListener listener) {
        String visitorId = isUuid(request.visitorId()) ? request.visitorId() : UUID.randomUUID().toString();
        Conversation resumed = resumable(request, visitorId);
        Conversation opened = resumed != null ? resumed
                : store.create(visitorId, request.identity(), normaliseLang(request.lang()));
        String id = opened.id();
        long resumedFrom = resumed == null ? 0 : Math.max(0, Math.min(request.lastSeq(), resumed.lastSeq()));
        return locks.withLock(id, () -> {
            // a new conversation has no events, and its id is known to this caller only: nothing to read back
            Conversation current = resumed == null ? opened : store.find(id).orElse(opened);
            remember(current);
            listener.welcome(current, resumedFrom);
            if (resumed != null) for (ChatEvent event : store.eventsAfter(id, resumedFrom)) listener.event(event);
            hub.join(id, listener);
            return current;
        });
    }

    /** The client went away; nothing it sent is lost, it resumes with its lastSeq. */
    public void close(String conversationId, ConversationListener listener) {
        hub.leave(conversationId, listener);
    }

    /**
     * Stores the user's message and acknowledges it; a resend with a known {@code cid} is
     * acknowledged again with the original seq and starts no second bot turn.
     */
    public void post(String conversationId, String cid, String text, ConversationListener from) {
        ChatEvent.MessageEvent stored;
        try {
            stored = locks.withLock(conversationId, () -> {
                var message = store.appendUserMessage(conversationId, cid, text); // durable, or stored before
                from.ack(cid, message.seq());
                if (message.isNew()) publish(conversationId, message.event());
                return message.event();
            });
        } catch (StoreException e) {
            log.warn("message not stored conversation={} cid={}: {}", conversationId, cid, e.getMessage());
            from.error("store_unavailable", "");
            return;
        }
        if (stored == null) return;
        Conversation conversation = current(conversationId);
        if (conversation.status() == ConversationStatus.WAITING_AGENT || conversation.status() == ConversationStatus.AGENT) {
            return; // a human has it: the bot stays quiet
        }
        var handOffReason = escalations.reasonFor(conversation, text);
        if (handOffReason.isPresent()) {
            escalate(conversationId, handOffReason.get(), text);
            return;
        }
        long seq = stored.seq();
        boolean toBot = conversation.status() != ConversationStatus.BOT;
        // the move to "bot" commits on the turn's virtual thread, before its answer, not on the socket's thread:
        // the first messages of 1,000 conversations held as many Jetty threads in status commits (0.6 s each
        // behind the writer's queue) and every other frame, acks included, waited for a free thread
        if (!turns.submit(conversationId, () -> botTurn(conversationId, seq, text, toBot))) {
            // stored and acked: the turn is found again by recoverPendingTurns at the next start
            log.info("shutting down: turn of conversation={} seq={} runs at the next start", conversationId, seq);
        }
    }

    /**
     * Answers the user messages whose bot reply was never stored because the process stopped
     * mid-turn. Call once at start, before clients connect.
     */
    public int recoverPendingTurns() {
        List<PendingTurn> pending = store.pendingTurns();
        for (PendingTurn turn : pending) {
            turns.submit(turn.conversationId(), () -> botTurn(turn.conversationId(), turn.seq(), turn.text(), false));
        }
        if (!pending.isEmpty()) log.info("recovering {} unanswered messages", pending.size());
        return pending.size();
    }

    /** The user asked for a human. */
    public void escalate(String conversationId, String reason) {
        escalate(conversationId, reason == null || reason.isBlank() ? "asked_for_human" : reason, null);
    }

    /**
     * Hands the conversation to a human: records routing, SLA and account card, moves it to
     * waiting_agent and tells the customer who will answer and when. Repeated requests while
     * waiting change nothing.
     */
    public void escalate(String conversationId, String reason, String text) {
        Conversation c = store.find(conversationId).orElseThrow();
        if (!c.status().canMoveTo(ConversationStatus.WAITING_AGENT)) return;
        String told = escalations.handOff(c, reason, text);
        locks.withLock(conversationId, () -> {
            Conversation current = store.find(conversationId).orElseThrow();
            if (current.status().canMoveTo(ConversationStatus.WAITING_AGENT)) {
                publish(conversationId, appendStatus(current, ConversationStatus.WAITING_AGENT));
                if (told != null) {
                    publish(conversationId, store.appendMessage(conversationId, "bot", told, null, List.of(), List.of()));
                }
                log.info("escalated conversation={} reason={}", conversationId, reason);
            }
            return null;
        });
    }

    public List<ChatEvent.MessageEvent> transcript(String conversationId) {
        return store.transcript(conversationId);
    }

    public java.util.Optional<Conversation> find(String conversationId) {
        return store.find(conversationId);
    }

    public int connectedClients() {
        return hub.connected();
    }

    /**
     * One bot turn: answers the user message {@code userSeq}; runs on the turn scheduler's virtual thread.
     * {@code toBot}: the conversation moves to "bot" first, within the bound on turns at once (a thousand
     * first messages at once otherwise read and commit a thousand status changes at once).
     */
    private void botTurn(String conversationId, long userSeq, String text, boolean toBot) {
        Optional<Reply> answered = turns.answering(() -> {
            if (toBot) moveTo(conversationId, ConversationStatus.BOT);
            Conversation conversation = current(conversationId);
            if (conversation.status() != ConversationStatus.OPEN && conversation.status() != ConversationStatus.BOT) {
                return Optional.empty(); // handed to a human while queued
            }
            hub.each(conversationId, l -> l.typing("bot"));
            return Optional.of(responder.answer(conversation, text, delta -> hub.each(conversationId, l -> l.delta(delta))));
        });
        if (answered.isEmpty()) return;
        Reply reply = answered.get();
        if (current(conversationId).status() == ConversationStatus.WAITING_AGENT) {
            return; // the agent handed over during its turn: the handoff message already told the customer
        }
        for (int attempt = 1; ; attempt++) {
            try {
                locks.withLock(conversationId, () -> {
                    publish(conversationId, store.appendReply(
                            conversationId, userSeq, "bot", reply.text(), reply.citations(), reply.audit()));
                    return null;
                });
                return;
            } catch (StoreException e) {
                if (attempt == REPLY_ATTEMPTS) {
                    // the user message stays unanswered in the store: recovered at the next start
                    log.warn("bot reply not stored conversation={} seq={}: {}", conversationId, userSeq, e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(REPLY_RETRY_PAUSE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void moveTo(String conversationId, ConversationStatus next) {
        locks.withLock(conversationId, () -> {
            Conversation c = store.find(conversationId).orElseThrow();
            if (c.status() != next && c.status().canMoveTo(next)) {
                publish(conversationId, appendStatus(c, next));
            } else {
                remember(c);
            }
            return null;
        });
    }

    /** Stores a status change and keeps {@link #known} in step; called with the conversation's lock held. */
    private ChatEvent.StatusEvent appendStatus(Conversation c, ConversationStatus next) {
        try {
            var event = store.appendStatus(c.id(), next);
            remember(new Conversation(c.id(), c.visitorId(), c.identity(), next, c.lang(), event.seq()));
            return event;
        } catch (RuntimeException e) {
            known.remove(c.id()); // stored or not: read it again next time
            throw e;
        }
    }

    /** The conversation as last read or changed: from {@link #known}, else read under its lock. */
    private Conversation current(String conversationId) {
        Conversation c = known.get(conversationId);
        if (c != null) return c;
        return locks.withLock(conversationId, () -> {
            Conversation read = store.find(conversationId).orElseThrow();
            remember(read);
            return read;
        });
    }

    private void remember(Conversation c) {
        if (known.size() >= KNOWN_MAX) known.clear();
        known.put(c.id(), c);
    }

    /** Called with the conversation's lock held, so every listener sees events in seq order. */
    private void publish(String conversationId, ChatEvent event) {
        hub.each(conversationId, l -> l.event(event));
    }

    private Conversation resumable(OpenRequest request, String visitorId) {
        if (!isUuid(request.conversationId())) return null;
        return store.find(request.conversationId())
                .filter(c -> c.visitorId().equals(visitorId))
                .filter(c -> sameAccount(c.identity(), request.identity()))
                .map(c -> {
                    if (c.identity().isAnonymous() && !request.identity().isAnonymous()) {
                        store.bindIdentity(c.id(), request.identity());
                        locks.withLock(c.id(), () -> known.remove(c.id())); // read again, with its identity
                    }
                    return c;
                })
                .orElse(null);
    }

    /** A conversation bound to an account resumes only for a verified identity of that account. */
    private static boolean sameAccount(Identity stored, Identity presented) {
        return stored.isAnonymous() || Objects.equals(stored.accountId(), presented.accountId());
    }

    private static String normaliseLang(String lang) {
        return "en".equalsIgnoreCase(lang) ? "en" : "vi";
    }

    static boolean isUuid(String value) {
        if (value == null || value.length() != 36) return false;
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Stops new turns and lets the ones under way finish and be stored. */
    public void drain(Duration grace) {
        turns.drain(grace);
    }

    @Override
    public void close() {
        turns.close();
    }
}
