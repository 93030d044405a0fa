package dev.tandem.kb.index;

import dev.tandem.kb.analysis.CodeAnalyzer;
import dev.tandem.kb.analysis.EnglishStemAnalyzer;
import dev.tandem.kb.analysis.ExactAnalyzer;
import dev.tandem.kb.analysis.FoldedAnalyzer;
import dev.tandem.kb.analysis.SyllableBigramAnalyzer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

import java.util.Map;

/** The analyzer of each analyzed field, used both at index time and at query time. */
public final class FieldAnalyzers {

    private FieldAnalyzers() {}

    /** One analyzer that dispatches on the field name; keyword fields are not analyzed. */
    public static Analyzer perField() {
        Analyzer folded = new FoldedAnalyzer();
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(
                IndexField.TITLE.fieldName(), folded,
                IndexField.HEADING_PATH.fieldName(), folded,
                IndexField.TEXT.fieldName(), folded,
                IndexField.EXACT.fieldName(), new ExactAnalyzer(),
                IndexField.BIGRAMS.fieldName(), new SyllableBigramAnalyzer(),
                IndexField.STEMMED.fieldName(), new EnglishStemAnalyzer(),
                IndexField.CODES.fieldName(), new CodeAnalyzer()));
    }

    /**
     * The field whose analysis gives the same terms as {@code field}'s, so a query analyzes each
     * distinct chain once: title and headings use the body's folded analyzer.
     */
    public static IndexField analyzedLike(IndexField field) {
        return switch (field) {
            case TITLE, HEADING_PATH -> IndexField.TEXT;
            default -> field;
        };
    }
}
