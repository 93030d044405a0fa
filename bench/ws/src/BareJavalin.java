import io.javalin.Javalin;

/** The cold-start baseline: a bare Javalin app with one WebSocket route and nothing else. Usage: BareJavalin PORT */
public final class BareJavalin {
    public static void main(String[] args) {
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> ctx.result("up"));
            config.routes.ws("/ws/chat", ws -> ws.onMessage(ctx -> ctx.send(ctx.message())));
        }).start(Integer.parseInt(args[0]));
    }
}
