package dev.tandem.server.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The append-only file behind an ack on H2 (next to the database file, {@code tandem.journal}): a
 * user message is acknowledged (a bot reply sent) once its record — message row and event row,
 * ~300 bytes — is written to the file, and applied to the database later by the group commit in
 * large batches.
 *
 * <p>Durability: a batch of records is one {@code write} to the operating system, without fsync —
 * the same standard as H2's own commit with {@code WRITE_DELAY=0}, which writes its chunk and does
 * not sync either; both survive a killed process, neither a power cut. A record is framed by its
 * length and a CRC32C, so a torn tail (a crash inside a write, which was never acknowledged) ends
 * the replay. The file is locked while open: a second process on the same data dir is refused.
 */
final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final int HEADER = 8; // length, crc

    /** A user message or a bot reply as journaled: applied to the database as its two rows in one transaction. */
    record Entry(GroupCommit.MessageRow message, GroupCommit.EventRow event) {
        int bytes() {
            return 64 + 2 * (message.body().length() + event.payload().length());
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    /** End of the last complete write: the next batch goes here. */
    private long position;

    private Journal(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Opens and locks the journal of an H2 database file ({@code jdbc:h2:file:PATH;...}), creating it if absent. */
    static Journal open(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("the journal " + path + " is locked (is another Tandem process using the same data dir?)");
        }
        return new Journal(path, channel, lock);
    }

    Path path() {
        return path;
    }

    /**
     * Applies every complete record to the database, skipping the ones already there (their event
     * row exists: message and event were applied in one transaction), then empties the file. Runs
     * at open, before anything reads or writes conversations.
     */
    int replay(Connection c) throws IOException, SQLException {
        List<Entry> entries = readAll();
        int applied = 0;
        if (!entries.isEmpty()) {
            c.setAutoCommit(false);
            try (var exists = c.prepareStatement(GroupCommit.EVENT_EXISTS);
                 var message = c.prepareStatement(GroupCommit.INSERT_MESSAGE);
                 var event = c.prepareStatement(GroupCommit.INSERT_EVENT);
                 var lastSeq = c.prepareStatement("UPDATE conversations SET last_seq = ? WHERE id = ? AND last_seq < ?")) {
                for (Entry e : entries) {
                    exists.setString(1, e.event().conversationId());
                    exists.setLong(2, e.event().seq());
                    try (var rs = exists.executeQuery()) {
                        if (rs.next()) continue;
                    }
                    GroupCommit.bind(message, e.message());
                    message.executeUpdate();
                    GroupCommit.bind(event, e.event());
                    event.executeUpdate();
                    lastSeq.setLong(1, e.event().seq());
                    lastSeq.setString(2, e.event().conversationId());
                    lastSeq.setLong(3, e.event().seq());
                    lastSeq.executeUpdate();
                    applied++;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        channel.truncate(0);
        position = 0;
        if (!entries.isEmpty()) log.info("journal replayed: {} records, {} not yet in the database", entries.size(), applied);
        return applied;
    }

    private List<Entry> readAll() throws IOException {
        long size = channel.size();
        List<Entry> entries = new ArrayList<>();
        if (size == 0) return entries;
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 16));
        channel.read(all, 0);
        all.flip();
        while (all.remaining() >= HEADER) {
            int length = all.getInt();
            int crc = all.getInt();
            if (length <= 0 || length > all.remaining()) break; // torn tail: never acknowledged
            byte[] payload = new byte[length];
            all.get(payload);
            var check = new CRC32C();
            check.update(payload);
            if ((int) check.getValue() != crc) break;
            entries.add(decode(payload));
        }
        if (all.hasRemaining()) log.warn("journal {}: {} bytes of a torn last write ignored", path, all.remaining());
        return entries;
    }

    /** Writes the records in one call; on failure the file is cut back to its last complete write. */
    void append(List<Entry> entries) throws IOException {
        var out = new ByteArrayOutputStream(entries.size() * 400);
        var data = new DataOutputStream(out);
        for (Entry e : entries) {
            byte[] payload = encode(e);
            var crc = new CRC32C();
            crc.update(payload);
            data.writeInt(payload.length);
            data.writeInt((int) crc.getValue());
            data.write(payload);
        }
        ByteBuffer buffer = ByteBuffer.wrap(out.toByteArray());
        long at = position;
        try {
            while (buffer.hasRemaining()) at += channel.write(buffer, at);
        } catch (IOException e) {
            try {
                channel.truncate(position);
            } catch (IOException ignored) {
                // the next write starts at the same position and overwrites the torn bytes
            }
            throw e;
        }
        position = at;
    }

    /** Bytes written since the last {@link #clear}. */
    long size() {
        return position;
    }

    /** Empties the file; only when every record in it is in the database. */
    void clear() throws IOException {
        channel.truncate(0);
        position = 0;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            log.warn("closing the journal {}: {}", path, e.toString());
        }
    }

    private static byte[] encode(Entry e) throws IOException {
        var out = new ByteArrayOutputStream(256 + 2 * e.message().body().length());
        var data = new DataOutputStream(out);
        GroupCommit.MessageRow m = e.message();
        writeString(data, m.conversationId());
        data.writeLong(m.seq());
        writeString(data, m.role());
        writeString(data, m.cid());
        writeString(data, m.body());
        writeString(data, m.citations());
        writeString(data, m.audit());
        data.writeLong(m.createdAt().getTime());
        data.writeInt(m.createdAt().getNanos());
        data.writeLong(m.replyTo() == null ? -1 : m.replyTo());
        GroupCommit.EventRow ev = e.event();
        writeString(data, ev.type());
        writeString(data, ev.payload());
        return out.toByteArray();
    }

    private static Entry decode(byte[] payload) throws IOException {
        var data = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        String conversation = readString(data);
        long seq = data.readLong();
        String role = readString(data);
        String cid = readString(data);
        String body = readString(data);
        String citations = readString(data);
        String audit = readString(data);
        Timestamp at = new Timestamp(data.readLong());
        at.setNanos(data.readInt());
        long replyTo = data.readLong();
        String type = readString(data);
        String eventPayload = readString(data);
        return new Entry(new GroupCommit.MessageRow(conversation, seq, role, cid, body, citations, audit, at, replyTo < 0 ? null : replyTo),
                new GroupCommit.EventRow(conversation, seq, type, eventPayload, at));
    }

    private static void writeString(DataOutputStream data, String value) throws IOException {
        if (value == null) {
            data.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    private static String readString(DataInputStream data) throws IOException {
        int length = data.readInt();
        if (length < 0) return null;
        return new String(data.readNBytes(length), StandardCharsets.UTF_8);
    }
}
