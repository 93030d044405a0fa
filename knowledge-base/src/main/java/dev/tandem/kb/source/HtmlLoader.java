package dev.tandem.kb.source;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTML pages: main content only ({@code main}, {@code article} or {@code [role=main]}, else the
 * body without navigation, header, footer, scripts and forms). Headings start sections. Metadata
 * from {@code <title>}, {@code <html lang>} and {@code <meta name="tandem:...">}.
 */
public final class HtmlLoader implements DocumentLoader {

    private static final String BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, tr, dt, dd, figcaption, caption";
    private static final String CONTAINER_BLOCKS = "p, li, pre, blockquote, tr, dt, dd";

    @Override
    public LoadedFile load(Path file, DocMetadata sidecar) throws IOException {
        Document page = Jsoup.parse(file.toFile(), StandardCharsets.UTF_8.name());
        DocMetadata metadata = metadata(page);
        Body body = sections(page);
        if (body.h1() != null && !body.h1().equalsIgnoreCase(metadata.title())) {
            metadata = metadata.overriddenBy(Map.of(DocMetadata.SUBTITLE, body.h1()));
        }
        return new LoadedFile(metadata.overriddenBy(sidecar.values()), body.sections());
    }

    private static DocMetadata metadata(Document page) {
        Map<String, String> values = new LinkedHashMap<>();
        String title = page.title().strip();
        if (!title.isEmpty()) values.put("title", title);
        String lang = page.select("html").attr("lang").strip();
        if (!lang.isEmpty()) values.put("lang", lang.toLowerCase(Locale.ROOT).split("[-_]")[0]);
        for (Element meta : page.select("meta[name^=tandem:]")) {
            values.put(meta.attr("name").substring("tandem:".length()).toLowerCase(Locale.ROOT), meta.attr("content").strip());
        }
        String canonical = page.select("link[rel=canonical]").attr("href").strip();
        if (!canonical.isEmpty()) values.putIfAbsent("url", canonical);
        return new DocMetadata(values);
    }

    /** The page's sections and its first H1 (which names the page rather than starting a section). */
    private record Body(List<Section> sections, String h1) {}

    private static Body sections(Document page) {
        Element main = page.selectFirst("main, article, [role=main]");
        if (main == null) {
            main = page.body();
            main.select("nav, header, footer, aside").remove();
        }
        main.select("script, style, noscript, form, nav, template, svg").remove();

        List<Section> sections = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean firstH1 = true;
        String h1 = null;
        for (Element block : main.select(BLOCKS)) {
            if (insideAnotherBlock(block, main)) continue;
            String tag = block.normalName();
            if (tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1))) {
                flush(sections, headings, text);
                int level = tag.charAt(1) - '0';
                // The page's H1 is its title, not a section of it.
                if (level == 1 && firstH1 && headings.isEmpty()) {
                    firstH1 = false;
                    h1 = block.text().strip();
                    continue;
                }
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                    levels.remove(levels.size() - 1);
                    headings.remove(headings.size() - 1);
                }
                levels.add(level);
                headings.add(block.text().strip());
                continue;
            }
            String line = tag.equals("tr") ? String.join(" · ", block.select("th, td").eachText()) : block.text();
            if (!line.isBlank()) text.append(tag.equals("li") ? "- " : "").append(line.strip()).append('\n');
        }
        flush(sections, headings, text);
        if (sections.isEmpty() && !main.text().isBlank()) sections.add(new Section(List.of(), main.text().strip()));
        return new Body(sections, h1);
    }

    private static boolean insideAnotherBlock(Element block, Element root) {
        for (Element parent = block.parent(); parent != null && parent != root; parent = parent.parent()) {
            if (parent.is(CONTAINER_BLOCKS)) return true;
        }
        return false;
    }

    private static void flush(List<Section> sections, List<String> headings, StringBuilder text) {
        String body = text.toString().strip();
        text.setLength(0);
        if (!body.isEmpty()) sections.add(new Section(headings, body));
    }
}
