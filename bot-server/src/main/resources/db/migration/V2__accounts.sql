-- B2B accounts, their contracts, warranty registrations and tickets. Portable SQL: runs on H2 and
-- PostgreSQL. Natural keys (account id, contact id, contract number, serial/order number) are the
-- primary keys, so that a re-import updates rows instead of duplicating them.

CREATE TABLE accounts (
    id                     VARCHAR(64)   PRIMARY KEY,   -- e.g. acc-phuongnam; the JWT "account" claim
    company                VARCHAR(200)  NOT NULL,
    industry               VARCHAR(100),
    company_size           VARCHAR(100),                -- free text: "42 stores", "12 hotels"
    tier                   VARCHAR(32),                 -- the account's segment as sales sees it
    account_manager        VARCHAR(100),
    account_manager_email  VARCHAR(200),
    account_manager_phone  VARCHAR(50),
    updated_at             TIMESTAMP     NOT NULL
);

CREATE TABLE contacts (
    id          VARCHAR(64)   PRIMARY KEY,              -- the JWT "sub" claim
    account_id  VARCHAR(64)   NOT NULL REFERENCES accounts (id),
    name        VARCHAR(200)  NOT NULL,
    email       VARCHAR(200),
    phone       VARCHAR(50),
    role        VARCHAR(100),
    updated_at  TIMESTAMP     NOT NULL
);
CREATE INDEX contacts_account ON contacts (account_id);

CREATE TABLE contracts (
    contract_number         VARCHAR(64)   PRIMARY KEY,  -- e.g. HĐ-2025-PN-014
    account_id              VARCHAR(64)   NOT NULL REFERENCES accounts (id),
    product_scope           VARCHAR(1000) NOT NULL,
    start_date              DATE          NOT NULL,
    end_date                DATE          NOT NULL,
    sla_tier                VARCHAR(16)   NOT NULL,     -- Standard, Silver, Gold, Platinum
    first_response_minutes  INTEGER       NOT NULL,
    resolution_minutes      INTEGER       NOT NULL,
    sla_24x7                BOOLEAN       NOT NULL,     -- false: the minutes count in business hours
    price_tier              VARCHAR(8)    NOT NULL,     -- A, B, C
    warranty_terms          VARCHAR(2000) NOT NULL,     -- the contract's warranty clause in one sentence
    dedicated_support       BOOLEAN       NOT NULL,     -- dedicated support is a clause of the contract
    dedicated_support_note  VARCHAR(500),               -- e.g. the named on-call engineer
    document_id             VARCHAR(300),               -- the contract's doc path in the knowledge base
    updated_at              TIMESTAMP     NOT NULL,
    CONSTRAINT contracts_dates CHECK (end_date >= start_date),
    CONSTRAINT contracts_minutes CHECK (first_response_minutes > 0 AND resolution_minutes >= first_response_minutes)
);
CREATE INDEX contracts_account ON contracts (account_id);

-- Extra warranty months a contract adds to the consumer policy, per product category
-- (water_purifier, rice_cooker, rice_cooker_ih_coil, air_fryer, kettle).
CREATE TABLE contract_warranty_extensions (
    contract_number  VARCHAR(64)  NOT NULL REFERENCES contracts (contract_number),
    category         VARCHAR(32)  NOT NULL,
    extra_months     INTEGER      NOT NULL,
    PRIMARY KEY (contract_number, category),
    CONSTRAINT extensions_months CHECK (extra_months > 0 AND extra_months <= 120)
);

-- A registered product: a serial number (MH-RO200-25031234) or an online order number (MH2611230457).
-- The expiry is not stored: it is computed from the policy and the owning account's contract, so a
-- changed contract changes it.
CREATE TABLE warranty_registrations (
    serial_or_order  VARCHAR(64)   PRIMARY KEY,
    product          VARCHAR(32)   NOT NULL,            -- SKU, e.g. MH-RO100
    purchase_date    DATE,                              -- null: no invoice, the serial's date counts
    owner_type       VARCHAR(16)   NOT NULL,            -- consumer | account
    account_id       VARCHAR(64)   REFERENCES accounts (id),
    consumer_name    VARCHAR(200),                      -- never shown to anyone else
    updated_at       TIMESTAMP     NOT NULL,
    CONSTRAINT registrations_owner CHECK ((owner_type = 'consumer' AND account_id IS NULL)
                                       OR (owner_type = 'account' AND account_id IS NOT NULL))
);
CREATE INDEX registrations_account ON warranty_registrations (account_id);

CREATE TABLE tickets (
    id                  VARCHAR(32)    PRIMARY KEY,     -- public id, e.g. TK-7F3A9C21
    account_id          VARCHAR(64)    NOT NULL REFERENCES accounts (id),
    contact_id          VARCHAR(64),
    conversation_id     VARCHAR(36),                    -- the chat it was opened from, if any
    subject             VARCHAR(300)   NOT NULL,
    description         VARCHAR(4000),
    status              VARCHAR(16)    NOT NULL,        -- open, pending, resolved, closed
    priority            VARCHAR(16)    NOT NULL,        -- urgent, high, normal, low (from the SLA tier)
    first_response_due  TIMESTAMP      NOT NULL,
    resolution_due      TIMESTAMP      NOT NULL,
    created_at          TIMESTAMP      NOT NULL,
    updated_at          TIMESTAMP      NOT NULL
);
CREATE INDEX tickets_account_status ON tickets (account_id, status);
CREATE INDEX tickets_conversation ON tickets (conversation_id);
