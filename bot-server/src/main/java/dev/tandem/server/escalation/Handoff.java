package dev.tandem.server.escalation;

import dev.tandem.server.accounts.AccountService;

import java.time.Instant;

/**
 * A conversation waiting for a human: who it is routed to, its SLA due times and, for a B2B
 * account, the account card the agent sees (a snapshot taken at handoff).
 */
public record Handoff(
        String conversationId,
        String reason,
        String accountId,
        String contactId,
        String assignee,
        String assigneeEmail,
        String slaTier,
        Instant createdAt,
        Instant firstResponseDue,
        Instant resolutionDue,
        AccountService.AccountSummary account) {}
