package dev.tandem.kb.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown with optional YAML front matter. ATX headings ({@code #} to {@code ######}) start
 * sections; the heading path is the chain of enclosing headings. A leading H1 is the document's
 * title, not part of the heading path. Inline markup is reduced to its text.
 */
public final class MarkdownLoader implements DocumentLoader {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");

    @Override
    public LoadedFile load(Path file, DocMetadata sidecar) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        return parse(content, sidecar);
    }

    /** Parses Markdown text; public for tests. */
    public LoadedFile parse(String content, DocMetadata sidecar) {
        List<String> lines = content.replace("\uFEFF", "").lines().toList();
        int bodyStart = 0;
        Map<String, String> frontMatter = Map.of();
        if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.equals("---") || line.equals("...")) {
                    frontMatter = MetadataLines.parse(lines.subList(1, i));
                    bodyStart = i + 1;
                    break;
                }
            }
        }
        DocMetadata metadata = new DocMetadata(frontMatter).overriddenBy(sidecar.values());
        String title = metadata.title();

        List<Section> sections = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean inFence = false;
        for (int i = bodyStart; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                continue;
            }
            Matcher heading = inFence ? null : HEADING.matcher(line);
            if (heading != null && heading.matches()) {
                flush(sections, headings, text);
                int level = heading.group(1).length();
                String name = Inline.plain(heading.group(2));
                if (title == null && level == 1) {
                    title = name;
                    metadata = metadata.overriddenBy(Map.of("title", name));
                    continue;
                }
                // A leading H1 names the document: citations need not repeat it, but when it says more
                // than the title (a second language, a subtitle) it stays searchable as the subtitle.
                if (level == 1 && headings.isEmpty() && sections.isEmpty()) {
                    if (!name.equalsIgnoreCase(title)) metadata = metadata.overriddenBy(Map.of(DocMetadata.SUBTITLE, name));
                    continue;
                }
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                    levels.remove(levels.size() - 1);
                    headings.remove(headings.size() - 1);
                }
                levels.add(level);
                headings.add(name);
                continue;
            }
            if (!inFence && TABLE_RULE.matcher(line).matches()) continue;
            text.append(inFence ? line : Inline.plain(line)).append('\n');
        }
        flush(sections, headings, text);
        return new LoadedFile(metadata, sections);
    }

    private static void flush(List<Section> sections, List<String> headings, StringBuilder text) {
        String body = text.toString().strip();
        text.setLength(0);
        if (!body.isEmpty()) sections.add(new Section(headings, body));
    }

    /** Inline Markdown to plain text. */
    static final class Inline {
        private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
        private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");
        private static final Pattern TABLE_PIPES = Pattern.compile("^\\s*\\|\\s*|\\s*\\|\\s*$");
        private static final Pattern QUOTE = Pattern.compile("^\\s*>\\s?");
        private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");

        private Inline() {}

        /**
         * Characters at least one of the patterns needs to match; a line without any of them (most
         * prose) is returned as the patterns would leave it, without running six regular expressions
         * over it (they were a third of preparing a Markdown file for the index).
         */
        private static final String MARKUP = "[*_`<>|";

        /**
         * The patterns in order, each run only when the line holds a character it needs (a
         * replacement only removes characters or keeps a matched group, so a character missing from
         * the line is missing from every intermediate result too). Emphasis marks, the usual markup
         * of prose (bold words), are removed by {@link #withoutEmphasis}, not by a pattern: with the
         * five others skipped, a line of bold text was still scanned by one regular expression per
         * replacement, nearly half of preparing a generated Markdown file.
         */
        static String plain(String line) {
            if (!hasMarkup(line)) return line.stripTrailing();
            String s = line;
            boolean bracket = s.indexOf('[') >= 0;
            if (bracket && s.indexOf('!') >= 0) s = IMAGE.matcher(s).replaceAll("$1");
            if (bracket) s = LINK.matcher(s).replaceAll("$1");
            s = withoutEmphasis(s);
            if (s.indexOf('<') >= 0) s = HTML_TAG.matcher(s).replaceAll("");
            if (s.indexOf('>') >= 0) s = QUOTE.matcher(s).replaceFirst("");
            if (s.indexOf('|') >= 0) s = TABLE_PIPES.matcher(s).replaceAll("").replace(" | ", " · ");
            return s.stripTrailing();
        }

        /**
         * What the pattern {@code (\*\*|__|\*|`)} replaced by "" gives: every '*' and '`' removed,
         * and '_' removed in pairs from the left ("___" keeps its last '_'), a single '_' kept.
         */
        static String withoutEmphasis(String s) {
            int first = firstEmphasis(s);
            if (first < 0) return s;
            StringBuilder out = new StringBuilder(s.length());
            out.append(s, 0, first);
            for (int i = first; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '*' || c == '`') continue;
                if (c == '_' && i + 1 < s.length() && s.charAt(i + 1) == '_') {
                    i++;
                    continue;
                }
                out.append(c);
            }
            return out.toString();
        }

        /** Where the first character {@link #withoutEmphasis} removes is, -1 when none. */
        private static int firstEmphasis(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '*' || c == '`' || c == '_' && i + 1 < s.length() && s.charAt(i + 1) == '_') return i;
            }
            return -1;
        }

        /** Whether {@code line} holds a character of {@link #MARKUP}: image and link both need '[', the rest one of their own. */
        static boolean hasMarkup(String line) {
            for (int i = 0; i < line.length(); i++) {
                if (MARKUP.indexOf(line.charAt(i)) >= 0) return true;
            }
            return false;
        }
    }
}
