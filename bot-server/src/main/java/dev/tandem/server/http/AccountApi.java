package dev.tandem.server.http;

import dev.tandem.server.accounts.AccountService;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.accounts.importing.AccountImporter;

/**
 * What the HTTP app needs to serve account data to staff and imports to admins.
 *
 * @param demoSecret true when the server runs with the built-in demo identity secret: only then the
 *                   demo storefront may fetch identity tokens from {@code /api/demo/identity-token}
 */
public record AccountApi(AccountService accounts, AccountImporter importer, IdentityTokens identityTokens, boolean demoSecret) {}
