package dev.tandem.server.escalation;

import java.util.List;
import java.util.Optional;

/** Durable handoffs; the waiting queue is ordered by first-response due time (the SLA). */
public interface HandoffStore {

    /** Saves the handoff; a conversation has at most one open handoff, a second save replaces it. */
    void save(Handoff handoff);

    Optional<Handoff> find(String conversationId);

    /** Open handoffs, the most urgent first-response due first. */
    List<Handoff> waitingQueue();
}
