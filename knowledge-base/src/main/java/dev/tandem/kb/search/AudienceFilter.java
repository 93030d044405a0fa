package dev.tandem.kb.search;

import dev.tandem.kb.Audience;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

import java.util.List;

/**
 * The access rule as a Lucene query: a chunk matches only if its audience is one the reader may see.
 * It is added as a FILTER clause to every search, so a hidden chunk is never scored, counted or
 * returned, whatever the query text says.
 */
public final class AudienceFilter {

    private AudienceFilter() {}

    public static Query of(Audience audience) {
        List<BytesRef> visible = audience.visibleAudiences().stream().map(BytesRef::new).toList();
        return new TermInSetQuery(IndexField.AUDIENCE.fieldName(), visible);
    }
}
