package dev.tandem.server.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.util.List;

/**
 * A durable event of a conversation: stored with its sequence number and replayed, exactly as
 * first sent, to a client that reconnects with an older {@code lastSeq}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ChatEvent.MessageEvent.class),
        @JsonSubTypes.Type(ChatEvent.StatusEvent.class),
        @JsonSubTypes.Type(ChatEvent.AgentJoinedEvent.class)})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ChatEvent {

    long seq();

    /** A message of the transcript. {@code cid} is echoed for the author's own messages. */
    @JsonTypeName("message")
    record MessageEvent(long seq, String role, String text, List<Citation> citations, String cid, String at)
            implements ChatEvent {
        public MessageEvent {
            citations = citations == null ? List.of() : List.copyOf(citations);
        }
    }

    /** The conversation moved to another status. */
    @JsonTypeName("status")
    record StatusEvent(long seq, String status) implements ChatEvent {}

    /** A human agent took the conversation. */
    @JsonTypeName("agent_joined")
    record AgentJoinedEvent(long seq, String name) implements ChatEvent {}
}
