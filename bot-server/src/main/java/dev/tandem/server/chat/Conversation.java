package dev.tandem.server.chat;

/** A conversation as stored: its public id, owner, identity, status, language and newest seq. */
public record Conversation(
        String id, String visitorId, Identity identity, ConversationStatus status, String lang, long lastSeq) {}
