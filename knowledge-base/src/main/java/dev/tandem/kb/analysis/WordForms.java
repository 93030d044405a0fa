package dev.tandem.kb.analysis;

import org.apache.lucene.util.BytesRef;

/**
 * One spelling's forms and what the index fields ask of them, worked out once per distinct spelling
 * ({@link Words} caches them): a chunk's words are mostly repeats, and the per-word questions
 * (marked? a pair breaker? a stem the index keeps?) were set look-ups repeated on every occurrence.
 * The UTF-8 bytes are the index terms of the word ({@link WordTermsStream} hands them to Lucene
 * without converting each occurrence again); they are shared and must not be modified.
 *
 * @param exact       case-folded, marks kept and composed
 * @param folded      no case, no marks, đ → d
 * @param stem        English stem of {@code folded}
 * @param marked      {@code exact} differs from {@code folded}: "bán", not "ban"
 * @param pairBreaker a function word that makes no word pair ({@link FieldTerms#pairs})
 * @param keepsStem   the stem field keeps the stem ({@link FieldTerms#changedStems})
 * @param code        the spelling alone is a code: it mixes a digit with a letter or separator
 *                    ({@link FieldTerms#codes}; "ro200", "5.2")
 */
public record WordForms(String exact, String folded, String stem, boolean marked, boolean pairBreaker, boolean keepsStem,
                        boolean code, BytesRef exactBytes, BytesRef foldedBytes, BytesRef stemBytes) {

    /** The forms of the spelling {@code raw}. */
    static WordForms of(String raw, String exact, String folded, String stem) {
        return new WordForms(exact, folded, stem, !exact.equals(folded), FieldTerms.breaksPairs(exact),
                FieldTerms.keepsStem(folded, stem), FieldTerms.codeLike(raw, 0, raw.length()), new BytesRef(exact), new BytesRef(folded), new BytesRef(stem));
    }
}
