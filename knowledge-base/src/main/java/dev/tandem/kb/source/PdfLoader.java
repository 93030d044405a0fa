package dev.tandem.kb.source;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PDF files, one section per page so a citation can name the page ("Trang 3" / "Page 3"). The
 * title comes from the sidecar, else the PDF's document information.
 */
public final class PdfLoader implements DocumentLoader {

    @Override
    public LoadedFile load(Path file, DocMetadata sidecar) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            Map<String, String> own = new LinkedHashMap<>();
            PDDocumentInformation info = pdf.getDocumentInformation();
            if (info != null && info.getTitle() != null && !info.getTitle().isBlank()) own.put("title", info.getTitle().strip());
            DocMetadata metadata = new DocMetadata(own).overriddenBy(sidecar.values());

            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<String> pages = new ArrayList<>();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(stripper.getText(pdf).strip());
            }
            String lang = metadata.lang() != null ? metadata.lang() : LanguageDetector.detect(String.join("\n", pages));
            String pageWord = lang.equals("vi") ? "Trang " : "Page ";
            List<Section> sections = new ArrayList<>();
            for (int i = 0; i < pages.size(); i++) {
                if (!pages.get(i).isEmpty()) sections.add(new Section(List.of(pageWord + (i + 1)), pages.get(i)));
            }
            if (sections.isEmpty()) throw new IOException("no text in PDF (scanned image?)");
            return new LoadedFile(metadata, sections);
        }
    }
}
