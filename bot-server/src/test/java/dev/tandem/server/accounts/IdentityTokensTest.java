package dev.tandem.server.accounts;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.tandem.server.chat.Identity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityTokensTest {

    private static final String SECRET = "a-very-long-test-secret-0123456789abcdef";
    private final IdentityTokens tokens = new IdentityTokens(SECRET);

    private static String token(String secret, Instant exp) {
        return JWT.create().withSubject("c-17").withClaim("account", "acc-phuongnam").withClaim("name", "Lan")
                .withExpiresAt(exp).sign(Algorithm.HMAC256(secret));
    }

    @Test
    void a_valid_token_names_the_account_and_contact() {
        assertThat(tokens.verify(token(SECRET, Instant.now().plusSeconds(600))))
                .contains(new Identity("acc-phuongnam", "c-17", "Lan"));
    }

    @Test
    void expired_tampered_and_foreign_tokens_are_refused() {
        String valid = token(SECRET, Instant.now().plusSeconds(600));
        String[] parts = valid.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"c-17\",\"account\":\"acc-xanhmart\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(token(SECRET, Instant.now().minusSeconds(600)))).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(token("another-secret-of-sufficient-length-xyz", Instant.now().plusSeconds(600)))).isEmpty();
        assertThat(tokens.verify("not a token")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }

    @Test
    void alg_none_and_other_algorithms_are_refused() {
        String none = JWT.create().withSubject("c").withClaim("account", "acc-phuongnam")
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.none());
        String hs512 = JWT.create().withSubject("c").withClaim("account", "acc-phuongnam")
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC512(SECRET));

        assertThat(tokens.verify(none)).isEmpty();
        assertThat(tokens.verify(hs512)).isEmpty();
    }

    @Test
    void required_claims_must_be_present() {
        Algorithm hs256 = Algorithm.HMAC256(SECRET);
        Instant exp = Instant.now().plusSeconds(600);

        assertThat(tokens.verify(JWT.create().withSubject("c").withExpiresAt(exp).sign(hs256))).isEmpty();
        assertThat(tokens.verify(JWT.create().withClaim("account", "a").withExpiresAt(exp).sign(hs256))).isEmpty();
        assertThat(tokens.verify(JWT.create().withSubject("c").withClaim("account", "a").sign(hs256))).isEmpty();
    }
}
