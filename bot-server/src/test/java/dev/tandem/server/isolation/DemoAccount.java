package dev.tandem.server.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A demo account as an attacker would name it, and what must never reach anyone else: its contract
 * documents, its contract number, the people named only in its contract, its serials and tickets.
 */
record DemoAccount(String id, String contact, String company, String contractNumber, List<String> secretMarkers,
                   List<String> serials, String ticketId, List<ContractDoc> docs) {

    /** One contract document: its path relative to the corpus, its title and its body. */
    record ContractDoc(String path, String title, String body) {}

    static List<DemoAccount> all(Path knowledgeDir) {
        return List.of(
                of(knowledgeDir, "acc-phuongnam", "c-pn-001", "Công ty TNHH Phân phối Phương Nam", "HĐ-2025-PN-014",
                        List.of("Lý Ngọc Trâm", "Trần Thu Hà"),
                        List.of("MH-RO100-25040311", "MH-RO200-25060412", "MH-AF55-25070588", "MH-F-RO75-25050901"), "TK-PN-0001"),
                of(knowledgeDir, "acc-xanhmart", "c-xm-001", "Xanh Mart", "HĐ-2025-XM-007",
                        List.of("Vũ Đức Thịnh", "Nguyễn Minh Quân"),
                        List.of("MH-AF80D-25080233", "MH-AF55-25090144", "MH-RC18IH-25070019"), "TK-XM-0001"),
                of(knowledgeDir, "acc-lotushotels", "c-lotus-001", "Lotus Hotels & Resorts", "LH-2026-002",
                        List.of("Võ Thành Đạt", "Daniel Whitford", "Lê Hoàng Nam", "Huỳnh Quốc Bảo"),
                        List.of("MH-AF80D-26010031", "MH-AF80D-26010032", "MH-RO200-26010105", "MH-KT17-26010240"), "TK-LH-0001"),
                of(knowledgeDir, "acc-mientrung", "c-mt-001", "Công ty CP Thương mại Miền Trung", "HĐ-2024-MT-021",
                        List.of("Hồ Văn Tín", "Phạm Thị Lan"),
                        List.of("MH-RO100-24030077", "MH-RC18-24110310", "MH-KT17-25020415"), "TK-MT-0001"));
    }

    private static DemoAccount of(Path knowledgeDir, String id, String contact, String company, String number,
                                  List<String> people, List<String> serials, String ticket) {
        List<ContractDoc> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(knowledgeDir.resolve("contracts").resolve(id))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(f);
                String title = text.lines().filter(l -> l.startsWith("title:")).findFirst().orElseThrow()
                        .substring("title:".length()).strip();
                docs.add(new ContractDoc("contracts/" + id + "/" + f.getFileName(), title, text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> markers = new ArrayList<>(people);
        markers.add(number);
        return new DemoAccount(id, contact, company, number, List.copyOf(markers), serials, ticket, List.copyOf(docs));
    }

    /** Whether a piece of text shown to someone else carries this account's secrets. */
    boolean leaksInto(String shown, String asked) {
        if (shown == null || shown.isBlank()) return false;
        for (String marker : secretMarkers) {
            // echoing the asker's own words back is not a leak; saying what they did not write is
            if (shown.contains(marker) && (asked == null || !asked.contains(marker))) return true;
        }
        for (ContractDoc doc : docs) {
            if (shown.contains(doc.title())) return true;
        }
        return false;
    }

    /** Whether a citation snippet is a passage of this account's contracts. */
    boolean ownsSnippet(String snippet) {
        if (snippet == null) return false;
        String s = plain(snippet.replace("…", " ").replace("...", " "));
        if (s.length() < 25) return false;
        String probe = s.substring(0, Math.min(60, s.length())).strip();
        return docs.stream().anyMatch(d -> plain(d.body()).contains(probe));
    }

    /** Markdown emphasis and headings removed, whitespace collapsed: how snippets show text. */
    private static String plain(String text) {
        return text.replaceAll("[*_#`>|]", "").replaceAll("\\s+", " ").strip();
    }
}
