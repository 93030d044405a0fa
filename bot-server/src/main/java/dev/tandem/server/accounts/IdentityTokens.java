package dev.tandem.server.accounts;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.tandem.server.chat.Identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Verifies the identity tokens that a host site's backend issues for its B2B users: HS256 only
 * (the algorithm is pinned, so "none" and RS/ES tokens fail), signature, expiry, and the claims
 * {@code sub} and {@code account}.
 */
public final class IdentityTokens {

    private final Algorithm hs256;
    private final JWTVerifier verifier;

    public IdentityTokens(String secret) {
        this.hs256 = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
        this.verifier = JWT.require(hs256)
                .withClaimPresence("sub")
                .withClaimPresence("account")
                .withClaimPresence("exp")
                .acceptLeeway(30)
                .build();
    }

    /**
     * Issues a token the way a host site's backend does (docs/identity.md). The server itself only
     * issues tokens for the demo storefront, and only with the built-in demo secret.
     */
    public String issue(Identity who, String email, Duration ttl) {
        if (who.isAnonymous() || who.contactId() == null) throw new IllegalArgumentException("a token names an account and a contact");
        var builder = JWT.create().withSubject(who.contactId()).withClaim("account", who.accountId())
                .withExpiresAt(Instant.now().plus(ttl));
        if (who.name() != null) builder.withClaim("name", who.name());
        if (email != null) builder.withClaim("email", email);
        return builder.sign(hs256);
    }

    /** The identity in a valid token; empty for any invalid one (the caller treats it as anonymous). */
    public Optional<Identity> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) return Optional.empty();
        try {
            DecodedJWT jwt = verifier.verify(token);
            String account = jwt.getClaim("account").asString();
            if (account == null || !account.matches("[A-Za-z0-9._-]{1,64}")) return Optional.empty();
            return Optional.of(new Identity(account, jwt.getSubject(), jwt.getClaim("name").asString()));
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }
}
