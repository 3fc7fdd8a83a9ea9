package io.automl4j.registry.internal;

import io.automl4j.registry.RegistryException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Model-directory zips (deterministic: sorted entries, fixed times) and sha256. */
final class Artifacts {
    /** Extraction limits against zip bombs. */
    static final long MAX_EXTRACTED_BYTES = 4L << 30;
    static final int MAX_ENTRIES = 10_000;
    private static final long FIXED_TIME = 315532800000L; // 1980-01-01, the zip epoch

    private Artifacts() {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Zips every regular file under {@code dir}, sorted by relative path, with fixed timestamps. */
    static byte[] zipDir(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path f : files) {
                String name = dir.relativize(f).toString().replace('\\', '/');
                ZipEntry e = new ZipEntry(name);
                e.setTime(FIXED_TIME);
                zip.putNextEntry(e);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Extracts a zip into {@code dir}, refusing entries that escape it and oversized content. */
    static void unzip(byte[] zipBytes, Path dir, String what) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            ZipEntry e;
            byte[] buf = new byte[64 * 1024];
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new RegistryException("Artifact of " + what + " has more than " + MAX_ENTRIES + " entries");
                }
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new RegistryException("Artifact of " + what + " has an entry outside its directory: '"
                            + e.getName() + "'");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (var out = Files.newOutputStream(target)) {
                    int n;
                    while ((n = zip.read(buf)) > 0) {
                        total += n;
                        if (total > MAX_EXTRACTED_BYTES) {
                            throw new RegistryException("Artifact of " + what + " extracts to more than "
                                    + MAX_EXTRACTED_BYTES + " bytes");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        }
        if (entries == 0) {
            throw new RegistryException("Artifact of " + what + " is not a model-directory zip (no entries)");
        }
    }

    static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RegistryException("Cannot read artifact stream: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort for temp dirs
        }
    }

    static List<Path> listFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(out::add);
        }
        return out;
    }
}
