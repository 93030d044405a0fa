package dev.tandem.kb.hybrid;

import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.HashMap;
import java.util.Map;

/** Question embeddings, computed once per distinct question and shared by every mode of a run. */
final class QueryEmbeddings {

    private final EmbeddingModel model;
    private final Map<String, float[]> cache = new HashMap<>();

    QueryEmbeddings(EmbeddingModel model) {
        this.model = model;
    }

    float[] of(String question) {
        return cache.computeIfAbsent(question, q -> ChunkVectors.unit(model.embed(q).content().vector()));
    }
}
