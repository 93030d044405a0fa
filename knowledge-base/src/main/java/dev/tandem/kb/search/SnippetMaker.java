package dev.tandem.kb.search;

import dev.tandem.kb.index.IndexField;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * Short plain-text excerpts around the question's words, made by Lucene's UnifiedHighlighter from
 * the stored body (re-analyzed with the folded analyzer, so "bao hanh" highlights "bảo hành").
 * Matches are not marked: the widget shows the snippet as text.
 */
public final class SnippetMaker {

    /** About two short sentences: enough to recognise the answer in a citation. */
    static final int SNIPPET_CHARS = 240;

    private final Analyzer analyzer;

    public SnippetMaker(Analyzer perFieldAnalyzer) {
        this.analyzer = perFieldAnalyzer;
    }

    /** One snippet per hit of {@code hits}, in the same order; null where nothing could be made. */
    public String[] snippets(IndexSearcher searcher, Query bodyQuery, TopDocs hits) throws IOException {
        if (bodyQuery == null || hits.scoreDocs.length == 0) return new String[hits.scoreDocs.length];
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("", "", " … ", false))
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT), SNIPPET_CHARS, 0.5f))
                .withMaxNoHighlightPassages(1)
                .build();
        return highlighter.highlight(IndexField.TEXT.fieldName(), bodyQuery, hits, 1);
    }

    /** A fallback: the start of the text, cut at a word boundary. */
    static String lead(String text) {
        String flat = text.replace('\n', ' ').strip();
        if (flat.length() <= SNIPPET_CHARS) return flat;
        int cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
        return flat.substring(0, cut > 0 ? cut : SNIPPET_CHARS) + " …";
    }
}
