package dev.tandem.server.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain TCP socket, so that a test controls exactly when (and whether)
 * it reads: the slow consumer that stops reading, frames written byte by byte.
 */
final class RawWsClient implements AutoCloseable {

    /** A frame read from the server: its opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawWsClient(int port, int receiveBufferBytes) throws IOException {
        socket = new Socket();
        if (receiveBufferBytes > 0) socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        out.write(("GET /ws/chat?v=1 HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
    }

    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        var frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) frame.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next frame, or null at the end of the stream. */
    Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) return null;
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) length = in.readUnsignedShort();
        else if (length == 127) length = in.readLong();
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    void soTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            head.append((char) c);
        }
        return head.toString();
    }
}
