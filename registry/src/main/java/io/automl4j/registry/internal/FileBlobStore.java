package io.automl4j.registry.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Blobs as files {@code blobs/sha256/ab/cdef…}: written to a temp file in the same directory, fsync'd, atomically
 * renamed, then the directory is fsync'd, all before the metadata transaction begins, and checked again inside it
 * (REG-R20). Identical content is stored once; a stored blob that no longer matches its digest is replaced.
 */
final class FileBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
    private final Path root;

    FileBlobStore(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
    }

    Path path(String sha) {
        return root.resolve(sha.substring(0, 2)).resolve(sha.substring(2));
    }

    @Override
    public void prepare(String sha, byte[] bytes) throws IOException {
        Path target = path(sha);
        if (Files.exists(target) && Files.size(target) == bytes.length
                && Artifacts.sha256(Files.readAllBytes(target)).equals(sha)) {
            // Refresh the mtime so that a concurrent gc() keeps the blob during its grace period, and make sure the
            // existing file is durable before a version row points at it.
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            return;
        }
        if (Files.exists(target)) {
            LOG.warn("Stored blob {} does not match its digest; replacing it with the bytes being registered", target);
        }
        write(target, sha, bytes);
    }

    /** Writes the blob: temp file in the same directory, fsync, atomic rename, directory fsync. */
    private void write(Path target, String sha, byte[] bytes) throws IOException {
        Path dir = target.getParent();
        boolean newDir = !Files.isDirectory(dir);
        Files.createDirectories(dir);
        if (newDir) {
            // the new "ab/" entry must survive a power loss too, or a committed row could name a lost path
            fsyncDir(dir.getParent());
        }
        Path tmp = Files.createTempFile(dir, ".tmp-" + sha.substring(2, 10) + "-", ".part");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The file system of " + dir + " does not support atomic renames", e);
            }
            fsyncDir(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void fsyncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories; the rename is still atomic.
        }
    }

    /**
     * Checks, inside the metadata transaction, that the blob written (or found) by {@link #prepare} is still there,
     * and writes it again when it is not. gc() deletes files only while it holds the database write lock, and it
     * may have judged a blob unreferenced and old just before {@code prepare} found and refreshed it (another
     * process, or another thread of this one); without this check the version would commit pointing at a deleted
     * file (REG-R20). Holding the write lock here, no gc can run until the version row is committed.
     */
    @Override
    public void putInTx(Connection c, String sha, byte[] bytes) throws IOException {
        Path target = path(sha);
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
            return;
        }
        write(target, sha, bytes);
    }

    @Override
    public byte[] read(Connection c, String sha) throws IOException {
        try {
            return Files.readAllBytes(path(sha));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public int gc(Connection c, Set<String> referenced, Duration minAge) throws IOException {
        int removed = 0;
        Instant cutoff = Instant.now().minus(minAge);
        for (Path f : Artifacts.listFiles(root)) {
            String name = f.getFileName().toString();
            String sha = f.getParent().getFileName().toString() + name;
            boolean temp = name.startsWith(".tmp-");
            if ((temp || !referenced.contains(sha))
                    && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                Files.deleteIfExists(f);
                removed++;
            }
        }
        return removed;
    }
}
