package dev.tandem.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.chat.ChatEvent;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.ConversationService;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.util.List;

/** {@code GET /api/admin/conversations/{id}/messages}: a conversation's transcript, for the console. */
final class TranscriptController {

    /** The body: the conversation's state and its messages in seq order. */
    record Transcript(String conversationId, String status, String account, long lastSeq,
                      List<ChatEvent.MessageEvent> messages) {}

    private final ConversationService conversations;
    private final ObjectMapper json;

    TranscriptController(ConversationService conversations, ObjectMapper json) {
        this.conversations = conversations;
        this.json = json;
    }

    void messages(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        Conversation conversation = conversations.find(id).orElseThrow(() -> new NotFoundResponse("no such conversation"));
        var body = new Transcript(conversation.id(), conversation.status().wireName(), conversation.identity().accountId(),
                conversation.lastSeq(), conversations.transcript(id));
        ctx.contentType("application/json").result(json.writeValueAsString(body));
    }
}
