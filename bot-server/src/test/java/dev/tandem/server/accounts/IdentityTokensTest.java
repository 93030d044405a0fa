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

    @Test
    void rs256_and_es256_tokens_are_refused_even_with_valid_claims() throws Exception {
        var rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var rsaKeys = rsa.generateKeyPair();
        var ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        var ecKeys = ec.generateKeyPair();
        Instant exp = Instant.now().plusSeconds(600);

        String rs256 = JWT.create().withSubject("c").withClaim("account", "acc-phuongnam").withExpiresAt(exp)
                .sign(Algorithm.RSA256((java.security.interfaces.RSAPublicKey) rsaKeys.getPublic(),
                        (java.security.interfaces.RSAPrivateKey) rsaKeys.getPrivate()));
        String es256 = JWT.create().withSubject("c").withClaim("account", "acc-phuongnam").withExpiresAt(exp)
                .sign(Algorithm.ECDSA256((java.security.interfaces.ECPublicKey) ecKeys.getPublic(),
                        (java.security.interfaces.ECPrivateKey) ecKeys.getPrivate()));
        String hs384 = JWT.create().withSubject("c").withClaim("account", "acc-phuongnam").withExpiresAt(exp).sign(Algorithm.HMAC384(SECRET));

        assertThat(tokens.verify(rs256)).isEmpty();
        assertThat(tokens.verify(es256)).isEmpty();
        assertThat(tokens.verify(hs384)).isEmpty();
    }

    @Test
    void a_none_token_relabelled_as_hs256_is_refused() {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"sub\":\"c\",\"account\":\"acc-phuongnam\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");
        String noneHeader = b64("{\"alg\":\"none\"}");

        assertThat(tokens.verify(header + "." + payload + ".")).isEmpty();
        assertThat(tokens.verify(noneHeader + "." + payload + ".")).isEmpty();
        assertThat(tokens.verify(header + "." + payload + "." + b64("garbage"))).isEmpty();
    }

    @Test
    void a_flipped_signature_byte_or_expiry_beyond_the_leeway_is_refused() {
        String valid = token(SECRET, Instant.now().plusSeconds(600));
        char last = valid.charAt(valid.length() - 2);
        String flipped = valid.substring(0, valid.length() - 2) + (last == 'A' ? 'B' : 'A') + valid.charAt(valid.length() - 1);

        assertThat(tokens.verify(flipped)).isEmpty();
        assertThat(tokens.verify(token(SECRET, Instant.now().minusSeconds(31)))).isEmpty();
        assertThat(tokens.verify(token(SECRET, Instant.now().minusSeconds(5)))).isPresent(); // clock skew tolerated
    }

    @Test
    void an_account_claim_that_is_not_a_plain_id_is_refused() {
        Algorithm hs256 = Algorithm.HMAC256(SECRET);
        Instant exp = Instant.now().plusSeconds(600);

        assertThat(tokens.verify(JWT.create().withSubject("c").withClaim("account", "acc-a' OR '1'='1").withExpiresAt(exp).sign(hs256))).isEmpty();
        assertThat(tokens.verify(JWT.create().withSubject("c").withClaim("account", 42).withExpiresAt(exp).sign(hs256))).isEmpty();
        assertThat(tokens.verify(JWT.create().withSubject("c").withClaim("account", "").withExpiresAt(exp).sign(hs256))).isEmpty();
        assertThat(tokens.verify("x".repeat(5000))).isEmpty();
    }

    @Test
    void an_issued_token_verifies_to_the_same_identity() {
        var who = new Identity("acc-lotushotels", "c-lotus-001", "Trương Mỹ Linh");

        String token = tokens.issue(who, "linh.truong@lotushotels.vn", java.time.Duration.ofMinutes(5));

        assertThat(tokens.verify(token)).contains(who);
        assertThat(JWT.decode(token).getAlgorithm()).isEqualTo("HS256");
        assertThat(JWT.decode(token).getClaim("email").asString()).isEqualTo("linh.truong@lotushotels.vn");
        assertThat(new IdentityTokens("another-secret-of-sufficient-length-xyz").verify(token)).isEmpty();
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
