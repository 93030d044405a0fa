package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.Arrays;

/**
 * One analyzed field's terms taken from a stream ahead of the index writer and kept as the UTF-8
 * bytes of each term one after another in one array. {@code kb index} builds a file's documents on
 * the thread that prepares files (see {@code CorpusIndexer}); with the terms packed there, the
 * writer's thread reads each field's terms from one array instead of working them out from the
 * words (which was about a tenth of that thread, the slower of the two). The same terms in the same
 * order as the stream they were taken from.
 */
public final class PackedTerms {

    private final byte[] bytes;
    /** Where each term ends in {@link #bytes}; term {@code i} starts where term {@code i - 1} ends. */
    private final int[] ends;

    private PackedTerms(byte[] bytes, int[] ends) {
        this.bytes = bytes;
        this.ends = ends;
    }

    /** How many terms the field has. */
    public int size() {
        return ends.length;
    }

    /**
     * The stream of these terms: {@code reuse} set to them when it is a stream of this class (the
     * index keeps one stream per field and hands it back with the next document's field), otherwise
     * a new one.
     */
    public TokenStream tokenStream(TokenStream reuse) {
        Stream stream = reuse instanceof Stream packed ? packed : new Stream();
        stream.terms = this;
        return stream;
    }

    /** Packs the terms of streams, one field at a time; holds a buffer it reuses, so one per thread. */
    public static final class Packer {
        private byte[] bytes = new byte[4096];
        private int[] ends = new int[512];

        /** Reads {@code stream} to its end (reset, every term, end, close) and packs its terms. */
        public PackedTerms pack(TokenStream stream) throws IOException {
            TermToBytesRefAttribute term = stream.getAttribute(TermToBytesRefAttribute.class);
            int length = 0;
            int count = 0;
            stream.reset();
            while (stream.incrementToken()) {
                BytesRef next = term.getBytesRef();
                bytes = ArrayUtil.grow(bytes, length + next.length);
                System.arraycopy(next.bytes, next.offset, bytes, length, next.length);
                length += next.length;
                ends = ArrayUtil.grow(ends, count + 1);
                ends[count++] = length;
            }
            stream.end();
            stream.close();
            return new PackedTerms(Arrays.copyOf(bytes, length), Arrays.copyOf(ends, count));
        }
    }

    /**
     * Hands the packed terms to the index as UTF-8 bytes, each a window on the one array. As in
     * {@link WordTermsStream}, no attribute changes between terms (no positions are indexed), so
     * they are cleared once per field.
     */
    private static final class Stream extends TokenStream {
        private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
        private final BytesRef window = new BytesRef();
        private PackedTerms terms;
        private int next;

        @Override
        public boolean incrementToken() {
            if (next == terms.ends.length) return false;
            int start = next == 0 ? 0 : terms.ends[next - 1];
            window.bytes = terms.bytes;
            window.offset = start;
            window.length = terms.ends[next] - start;
            next++;
            term.setBytesRef(window);
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            // once per field: a reused stream's end() left the position increment at 0
            clearAttributes();
            next = 0;
        }
    }
}
