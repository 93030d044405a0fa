package dev.tandem.kb.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits a document into chunks along its structure: never across sections, then at paragraph
 * breaks, then at sentence ends, so a chunk stays under {@code maxChars}. Consecutive chunks of a
 * long section share up to {@code overlapChars} of text so an answer that straddles a cut is still
 * found whole in one of them.
 */
public final class Chunker {

    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?;:])\\s+|\\n");

    private final int maxChars;
    private final int overlapChars;

    public Chunker(int maxChars, int overlapChars) {
        if (maxChars < 100 || overlapChars < 0 || overlapChars >= maxChars / 2) {
            throw new IllegalArgumentException("bad chunk sizes: " + maxChars + "/" + overlapChars);
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    /** Defaults tuned for FAQ-sized answers: about a paragraph or two per chunk. */
    public static Chunker defaults() {
        return new Chunker(1200, 200);
    }

    public List<Chunk> chunk(SourceDocument document) {
        List<Chunk> chunks = new ArrayList<>();
        Map<String, Integer> ordinals = new HashMap<>();
        for (Section section : document.sections()) {
            String headingPath = section.headingPath();
            for (String text : split(section.text())) {
                int ordinal = ordinals.merge(headingPath, 1, Integer::sum) - 1;
                chunks.add(new Chunk(chunkId(document.path(), headingPath, ordinal), headingPath, ordinal, text));
            }
        }
        return chunks;
    }

    /** The pieces of one section's text, each at most {@code maxChars} long (unless a single sentence is longer). */
    List<String> split(String text) {
        List<String> units = new ArrayList<>();
        for (String paragraph : PARAGRAPH.split(text.strip())) {
            if (paragraph.length() <= maxChars) {
                units.add(paragraph.strip());
            } else {
                for (String sentence : SENTENCE.split(paragraph)) {
                    if (!sentence.isBlank()) units.addAll(hardSplit(sentence.strip()));
                }
            }
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        List<String> currentUnits = new ArrayList<>();
        for (String unit : units) {
            if (unit.isEmpty()) continue;
            if (current.length() > 0 && current.length() + 1 + unit.length() > maxChars) {
                pieces.add(current.toString());
                // carry the tail units of the finished piece as overlap
                List<String> carried = new ArrayList<>();
                int carriedChars = 0;
                for (int i = currentUnits.size() - 1; i >= 0; i--) {
                    String u = currentUnits.get(i);
                    if (carriedChars + u.length() > overlapChars || carriedChars + u.length() + unit.length() > maxChars) break;
                    carried.add(0, u);
                    carriedChars += u.length() + 1;
                }
                current.setLength(0);
                currentUnits.clear();
                for (String u : carried) append(current, currentUnits, u);
            }
            append(current, currentUnits, unit);
        }
        if (current.length() > 0) pieces.add(current.toString());
        return pieces;
    }

    private static void append(StringBuilder current, List<String> units, String unit) {
        if (current.length() > 0) current.append('\n');
        current.append(unit);
        units.add(unit);
    }

    /** Cuts a run-on sentence at spaces into pieces of at most maxChars. */
    private List<String> hardSplit(String sentence) {
        List<String> parts = new ArrayList<>();
        String rest = sentence;
        while (rest.length() > maxChars) {
            int cut = rest.lastIndexOf(' ', maxChars);
            if (cut <= 0) cut = maxChars;
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) parts.add(rest);
        return parts;
    }

    static String chunkId(String docPath, String headingPath, int ordinal) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((docPath + '\u0000' + headingPath + '\u0000' + ordinal).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
