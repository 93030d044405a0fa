package dev.tandem.server.chat;

/** A stored user message whose bot reply was never stored: answered again when the server starts. */
public record PendingTurn(String conversationId, long seq, String text) {}
