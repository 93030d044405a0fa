package dev.tandem.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** Ephemeral server frames: not stored, not replayed, no seq. Durable events are {@code ChatEvent}s. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ServerFrame.Welcome.class),
        @JsonSubTypes.Type(ServerFrame.Ack.class),
        @JsonSubTypes.Type(ServerFrame.Delta.class),
        @JsonSubTypes.Type(ServerFrame.TypingFrame.class),
        @JsonSubTypes.Type(ServerFrame.ErrorFrame.class)})
@JsonInclude(JsonInclude.Include.NON_NULL)
sealed interface ServerFrame {

    @JsonTypeName("welcome")
    record Welcome(String conversationId, String visitorId, long resumedFrom, long lastSeq, String status,
                   String account, String name) implements ServerFrame {}

    @JsonTypeName("ack")
    record Ack(String cid, long seq) implements ServerFrame {}

    @JsonTypeName("delta")
    record Delta(String text) implements ServerFrame {}

    @JsonTypeName("typing")
    record TypingFrame(String role) implements ServerFrame {}

    @JsonTypeName("error")
    record ErrorFrame(String code, String message) implements ServerFrame {}
}
