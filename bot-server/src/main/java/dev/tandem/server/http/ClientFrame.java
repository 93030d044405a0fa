package dev.tandem.server.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * What a widget may send on {@code /ws/chat?v=1}, decoded once at the edge. The compact
 * constructors reject frames that are well-formed JSON but not valid requests.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ClientFrame.Hello.class),
        @JsonSubTypes.Type(ClientFrame.SendText.class),
        @JsonSubTypes.Type(ClientFrame.Typing.class),
        @JsonSubTypes.Type(ClientFrame.Feedback.class),
        @JsonSubTypes.Type(ClientFrame.Csat.class),
        @JsonSubTypes.Type(ClientFrame.Escalate.class)})
@JsonIgnoreProperties(ignoreUnknown = true)
sealed interface ClientFrame {

    int MAX_TEXT_CHARS = 4_000;

    @JsonTypeName("hello")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hello(String visitorId, String identityToken, String conversationId, Long lastSeq, String lang)
            implements ClientFrame {
        public Hello {
            if (lastSeq != null && lastSeq < 0) throw new IllegalArgumentException("lastSeq must not be negative");
        }

        long lastSeqOrZero() {
            return lastSeq == null ? 0 : lastSeq;
        }

        /** Never prints the identity token: a logged frame must not carry a credential. */
        @Override
        public String toString() {
            return "Hello[visitorId=" + visitorId + ", identityToken=" + (identityToken == null ? "none" : "<redacted>")
                    + ", conversationId=" + conversationId + ", lastSeq=" + lastSeq + ", lang=" + lang + "]";
        }
    }

    @JsonTypeName("message")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendText(String cid, String text) implements ClientFrame {
        public SendText {
            if (cid == null || cid.isBlank() || cid.length() > 64) throw new IllegalArgumentException("cid is required (at most 64 characters)");
            if (text == null || text.isBlank()) throw new IllegalArgumentException("text is required");
            if (text.length() > MAX_TEXT_CHARS) throw new IllegalArgumentException("text is longer than " + MAX_TEXT_CHARS + " characters");
        }
    }

    @JsonTypeName("typing")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Typing() implements ClientFrame {}

    @JsonTypeName("feedback")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Feedback(long seq, int rating) implements ClientFrame {
        public Feedback {
            if (rating != 1 && rating != -1) throw new IllegalArgumentException("rating must be 1 or -1");
        }
    }

    @JsonTypeName("csat")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Csat(int score, String comment) implements ClientFrame {
        public Csat {
            if (score < 1 || score > 5) throw new IllegalArgumentException("score must be 1..5");
        }
    }

    @JsonTypeName("escalate")
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Escalate(String reason) implements ClientFrame {}
}
