package dev.tandem.server.agent;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.server.agent.tools.IdentityLookup;
import dev.tandem.server.chat.Identity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Puts the account's own contract first when a signed-in business customer asks about "our
 * contract": general documents often outrank a contract clause on words alone, but for that
 * question the contract is what binds. It only reorders what the audience filter already allowed.
 */
final class AccountAwareRetriever implements ContentRetriever {

    private static final Pattern ABOUT_OUR_CONTRACT = Pattern.compile(
            "\\b(hop dong|phu luc|contract|agreement|chung toi|cong ty (toi|minh|chung toi)|ben (toi|minh)|our|we|us)\\b");

    private final ContentRetriever top;
    private final ContentRetriever wide;
    private final IdentityLookup identities;
    private final int maxResults;

    /**
     * @param top  the passages an answer uses
     * @param wide a few times more, searched only for an account's contract question (a wider search costs more)
     */
    AccountAwareRetriever(ContentRetriever top, ContentRetriever wide, IdentityLookup identities, int maxResults) {
        this.top = top;
        this.wide = wide;
        this.identities = identities;
        this.maxResults = maxResults;
    }

    @Override
    public List<Content> retrieve(Query query) {
        Identity who = identities.identityOf(String.valueOf(query.metadata() == null ? null : query.metadata().chatMemoryId()));
        if (who.isAnonymous() || !ABOUT_OUR_CONTRACT.matcher(Language.fold(query.text())).find()) return top.retrieve(query);
        List<Content> found = wide.retrieve(query);
        String own = "account:" + who.accountId();
        List<Content> ordered = new ArrayList<>();
        for (Content c : found) if (own.equals(KnowledgeBase.toPassage(c).audience())) ordered.add(c);
        for (Content c : found) if (!own.equals(KnowledgeBase.toPassage(c).audience())) ordered.add(c);
        return List.copyOf(ordered.subList(0, Math.min(maxResults, ordered.size())));
    }
}
