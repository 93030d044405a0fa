package dev.tandem.kb.retrieval;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.tandem.kb.Passage;

import java.util.Map;

/** Converts passages to LangChain4j contents and back; the metadata keys are part of the API. */
public final class PassageContents {

    public static final String CHUNK_ID = "chunk_id";
    public static final String DOC_PATH = "doc_path";
    public static final String TITLE = "title";
    public static final String HEADING_PATH = "heading_path";
    public static final String SNIPPET = "snippet";
    public static final String URL = "url";
    public static final String LANG = "lang";
    public static final String AUDIENCE = "audience";
    public static final String CONTENT_HASH = "content_hash";
    public static final String CONFIDENCE = "confidence";

    private PassageContents() {}

    public static Content toContent(Passage passage) {
        Metadata metadata = new Metadata();
        put(metadata, CHUNK_ID, passage.chunkId());
        put(metadata, DOC_PATH, passage.docPath());
        put(metadata, TITLE, passage.title());
        put(metadata, HEADING_PATH, passage.headingPath());
        put(metadata, SNIPPET, passage.snippet());
        put(metadata, URL, passage.url());
        put(metadata, LANG, passage.lang());
        put(metadata, AUDIENCE, passage.audience());
        put(metadata, CONTENT_HASH, passage.contentHash());
        metadata.put(CONFIDENCE, passage.confidence());
        return Content.from(TextSegment.from(passage.text(), metadata), Map.of(ContentMetadata.SCORE, passage.score()));
    }

    public static Passage toPassage(Content content) {
        TextSegment segment = content.textSegment();
        Metadata m = segment.metadata();
        Object score = content.metadata().get(ContentMetadata.SCORE);
        Double confidence = m.getDouble(CONFIDENCE);
        return new Passage(
                m.getString(CHUNK_ID),
                m.getString(DOC_PATH),
                m.getString(TITLE),
                orEmpty(m.getString(HEADING_PATH)),
                segment.text(),
                m.getString(SNIPPET),
                m.getString(URL),
                m.getString(LANG),
                m.getString(AUDIENCE),
                m.getString(CONTENT_HASH),
                score instanceof Number n ? n.doubleValue() : 0,
                confidence == null ? 0 : confidence);
    }

    // LangChain4j metadata rejects null values; an absent key reads back as null.
    private static void put(Metadata metadata, String key, String value) {
        if (value != null) metadata.put(key, value);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
