package io.automl4j.registry.internal;

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
 * renamed, then the directory is fsync'd, all before the metadata transaction begins (REG-R20). Identical content
 * is stored once.
 */
final class FileBlobStore implements BlobStore {
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

    @Override
    public void putInTx(Connection c, String sha, byte[] bytes) {
        // written in prepare()
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
