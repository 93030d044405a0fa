-- Conversations handed to humans: routing, SLA due times and the account card at handoff.
CREATE TABLE handoffs (
    conversation_id     VARCHAR(36)  PRIMARY KEY REFERENCES conversations (id),
    reason              VARCHAR(32)  NOT NULL,
    account_id          VARCHAR(64),
    contact_id          VARCHAR(64),
    assignee            VARCHAR(200),
    assignee_email      VARCHAR(200),
    sla_tier            VARCHAR(32)  NOT NULL,
    created_at          TIMESTAMP    NOT NULL,
    first_response_due  TIMESTAMP    NOT NULL,
    resolution_due      TIMESTAMP    NOT NULL,
    account_card        VARCHAR,                 -- JSON snapshot of the account summary
    closed_at           TIMESTAMP
);
CREATE INDEX handoffs_queue ON handoffs (closed_at, first_response_due);
