import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.time.Duration;

/**
 * The physical floor: a bare Jetty 12 WebSocket server that echoes every text frame, with the same
 * Jetty as Tandem and no framework, storage or JSON. Usage: RawEchoServer PORT
 */
public final class RawEchoServer {

    /** Echoes each text frame back on the same session (one send at a time: the frames arrive one by one). */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }
    }

    public static void main(String[] args) throws Exception {
        var server = new Server();
        var connector = new ServerConnector(server);
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(64 * 1024);
            container.setIdleTimeout(Duration.ofMinutes(2));
            container.addMapping("/ws/chat", (request, response, callback) -> new Echo());
        }));
        server.start();
        System.out.println("raw echo listening on " + args[0]);
        server.join();
    }
}
