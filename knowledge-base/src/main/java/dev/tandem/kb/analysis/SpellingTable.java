package dev.tandem.kb.analysis;

/**
 * The forms of each spelling seen so far ({@link Words}), looked up by the characters of a range of
 * the text being segmented: no substring is made for a spelling already known, which is nearly every
 * word of a chunk (a map keyed by strings needed a new string per word, UTF-16 for Vietnamese, and
 * its hash and equality passes). Segmenting alone got 11–16 % faster; inside indexing the look-up
 * still costs about a tenth, now mostly cache misses on the table (bench/RESULTS.md, 2026-11-24).
 *
 * <p>Open addressing, at most half full. Reads take no lock: an entry is immutable (final fields,
 * safely published however a reader sees it), a reader that misses an entry added meanwhile works
 * the forms out again, and a full table is replaced by a larger copy published through a volatile
 * field. Writers take the table's lock. Past {@code limit} spellings nothing more is kept, so memory
 * stays bounded whatever the input.
 */
final class SpellingTable {

    private record Entry(String spelling, int hash, WordForms forms) {}

    private final int limit;
    private volatile Entry[] table = new Entry[1 << 12];
    private int size;

    SpellingTable(int limit) {
        this.limit = limit;
    }

    /** The forms kept for the spelling {@code text[start, end)}, or null. */
    WordForms get(String text, int start, int end) {
        int hash = hash(text, start, end);
        int length = end - start;
        Entry[] t = table;
        int mask = t.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Entry e = t[i];
            if (e == null) return null;
            if (e.hash == hash && e.spelling.length() == length && sameChars(e.spelling, text, start)) return e.forms;
        }
    }

    /** Keeps {@code forms} for {@code spelling}, unless it is kept already or the table is at its limit. */
    synchronized void put(String spelling, WordForms forms) {
        if (size >= limit || get(spelling, 0, spelling.length()) != null) return;
        Entry[] t = table;
        if (2 * (size + 1) > t.length) {
            Entry[] larger = new Entry[2 * t.length];
            for (Entry e : t) if (e != null) insert(larger, e);
            insert(larger, new Entry(spelling, hash(spelling, 0, spelling.length()), forms));
            table = larger;
        } else {
            insert(t, new Entry(spelling, hash(spelling, 0, spelling.length()), forms));
        }
        size++;
    }

    /** Whether {@code text} holds {@code spelling} at {@code start}. */
    private static boolean sameChars(String spelling, String text, int start) {
        for (int i = 0; i < spelling.length(); i++) if (spelling.charAt(i) != text.charAt(start + i)) return false;
        return true;
    }

    private static void insert(Entry[] t, Entry entry) {
        int mask = t.length - 1;
        int i = entry.hash & mask;
        while (t[i] != null) i = (i + 1) & mask;
        t[i] = entry;
    }

    private static int hash(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) h = 31 * h + text.charAt(i);
        return h ^ (h >>> 16);
    }
}
