package dev.tandem.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@code /api/admin/*} with the bearer token of {@code TANDEM_ADMIN_TOKEN}. Without a
 * configured token the admin API does not exist (404), so a default install exposes nothing.
 */
final class AdminAuth {

    private AdminAuth() {}

    static void require(Context ctx, String adminToken) {
        if (adminToken == null || adminToken.isEmpty()) throw new NotFoundResponse();
        String header = ctx.header("Authorization");
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : "";
        boolean ok = MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8));
        if (!ok) throw new UnauthorizedResponse("admin token required");
    }
}
