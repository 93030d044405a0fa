package dev.tandem.server.chat;

/**
 * A client's hello, after its identity token was verified at the edge.
 *
 * @param visitorId      the widget's visitor id, or null for a new visitor
 * @param conversationId the conversation to resume, or null
 * @param lastSeq        the newest seq the client has, 0 if none
 * @param lang           the client's language hint
 * @param identity       the verified identity; anonymous without a valid token
 */
public record OpenRequest(String visitorId, String conversationId, long lastSeq, String lang, Identity identity) {}
