package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.util.regex.Pattern;

/**
 * Keeps product codes and clause numbers whole ("MH-RO200" → "mh-ro200", "§4.2" → "4.2"). The
 * word tokenizer splits "MH-RO200" at the hyphen; this field lets a query for the full code
 * prefer the passage that names exactly that code.
 */
public final class CodeAnalyzer extends Analyzer {

    // Letters/digits joined by '-', '.', '/' or '_': codes, clause numbers, versions, dates.
    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}]+(?:[-./_][\\p{L}\\p{N}]+)*");

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        // group 0: every match is a token; text between matches (spaces, '§', punctuation) is dropped.
        PatternTokenizer tokenizer = new PatternTokenizer(CODE, 0);
        // Only tokens mixing a digit with a letter or separator are codes ("RO200", "5.2"); plain
        // words and bare numbers are the other fields' business.
        TokenStream codes = new CodeLike(tokenizer);
        // Codes are case-insensitive; no folding, codes are ASCII.
        TokenStream lower = new LowerCaseFilter(codes);
        return new TokenStreamComponents(tokenizer, lower);
    }

    private static final class CodeLike extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        CodeLike(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            boolean digit = false;
            boolean other = false;
            for (int i = 0; i < term.length(); i++) {
                if (Character.isDigit(term.charAt(i))) digit = true;
                else other = true;
            }
            return digit && other;
        }
    }
}
