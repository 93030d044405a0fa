package dev.tandem.server.agent.tools;

import dev.tandem.kb.Audience;
import dev.tandem.kb.Passage;

import java.util.List;

/** The knowledge-base search the tools use; {@code KnowledgeBase::search} in production. */
@FunctionalInterface
public interface PassageSearch {
    List<Passage> search(String query, Audience audience, int maxResults);
}
