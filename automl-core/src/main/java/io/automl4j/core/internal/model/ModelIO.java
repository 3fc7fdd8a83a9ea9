package io.automl4j.core.internal.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.automl4j.api.ModelFormatException;
import io.automl4j.api.model.Signature;
import io.automl4j.api.provenance.Provenance;
import io.automl4j.core.internal.Version;
import io.automl4j.core.internal.ensemble.Stacker;
import io.automl4j.core.internal.learn.FittedLearner;
import io.automl4j.core.internal.learn.LearnerCatalog;
import io.automl4j.core.internal.preprocess.FittedPreprocessor;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The on-disk model format (AUTOML-R49, style convention 15): a directory with {@code model.json} (format version,
 * signature, provenance, preprocessing as JSON, member index with SHA-256 of each blob) and {@code members/NNN.bin}
 * (each learner in its library's own format, deflated since format version 2: the boosters' text models shrink
 * 3-6x). {@code model.json} is written last and atomically, so a directory whose save was interrupted is never read
 * as a model. Readers refuse newer format versions and still read format 1 (raw member blobs).
 */
public final class ModelIO {
    /** Format written by this version: 2 deflates the member blobs (1: raw blobs, still read). */
    public static final int FORMAT_VERSION = 2;
    /** {@link MemberRef#encoding()} of a deflated blob; null means raw (format 1). */
    static final String DEFLATE = "deflate";
    static final String MANIFEST = "model.json";
    static final String FORMAT_NAME = "automl4j-model";

    /** JSON codec shared by the engine (thread-safe once configured). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelIO() {
    }

    /** The manifest. */
    record Manifest(String format, int formatVersion, String libraryVersion, String kind, Signature signature,
                    Provenance provenance, Map<String, String> dateFormats, List<FittedPreprocessor> preprocessors,
                    List<MemberRef> members, Stacker stacker) {
    }

    /**
     * A member entry of the manifest.
     *
     * @param sha256   checksum of the file as stored
     * @param encoding {@link #DEFLATE}, or null for a raw blob (format 1)
     * @param size     the blob's size before encoding (0 in format 1)
     */
    record MemberRef(int preprocessor, String kind, String file, String sha256, double weight, int group,
                     String encoding, long size) {
    }

    static void save(BaggedModel model, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("members"));
        Map<FittedPreprocessor, Integer> preIndex = new IdentityHashMap<>();
        List<FittedPreprocessor> pres = new ArrayList<>();
        List<MemberRef> refs = new ArrayList<>();
        int[] groups = model.groups();
        List<Member> members = model.members();
        int[] rawSizes = new int[members.size()];
        byte[][] encoded = encodeAll(members, rawSizes);
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            Integer pi = preIndex.get(m.preprocessor());
            if (pi == null) {
                pi = pres.size();
                preIndex.put(m.preprocessor(), pi);
                pres.add(m.preprocessor());
            }
            byte[] stored = encoded[i];
            encoded[i] = null;
            String file = String.format("members/%03d.bin", i);
            writeAtomically(dir.resolve(file), stored);
            refs.add(new MemberRef(pi, m.learner().kind(), file, sha256(stored), m.weight(), groups[i], DEFLATE,
                    rawSizes[i]));
        }
        Manifest manifest = new Manifest(FORMAT_NAME, FORMAT_VERSION, Version.LIBRARY,
                model.stacker() == null ? "BAGGED" : "STACKED", model.signature(), model.provenance(),
                model.dateFormats(), pres, refs, model.stacker());
        writeAtomically(dir.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
    }

    /**
     * @param dir     model directory
     * @param catalog restores learners
     * @return the model
     * @throws ModelFormatException when missing, corrupt or newer
     * @throws IOException          on read errors
     */
    public static BaggedModel load(Path dir, LearnerCatalog catalog) throws IOException {
        Path mf = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(mf)) {
            throw new ModelFormatException("no automl4j model at " + dir + ": " + MANIFEST + " not found");
        }
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = JSON.readTree(mf.toFile());
        } catch (IOException e) {
            throw new ModelFormatException("corrupt model manifest " + mf + ": " + e.getMessage(), e);
        }
        if (root == null || !FORMAT_NAME.equals(root.path("format").asText())) {
            throw new ModelFormatException(mf + " is not an automl4j model manifest");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException("model at " + dir + " has format version " + version + ", written by automl4j "
                    + root.path("libraryVersion").asText("?") + "; this automl4j (" + Version.LIBRARY
                    + ") reads format versions up to " + FORMAT_VERSION + ": upgrade automl4j to load it");
        }
        if (version < 1) {
            throw new ModelFormatException("model at " + dir + " has an invalid format version: " + version);
        }
        Manifest m;
        try {
            m = JSON.treeToValue(root, Manifest.class);
        } catch (IOException e) {
            throw new ModelFormatException("corrupt model manifest " + mf + ": " + e.getMessage(), e);
        }
        // a well-formed JSON file can still lack parts: say so instead of failing later with a NullPointerException
        String absent = m.signature() == null ? "signature"
                : m.provenance() == null ? "provenance"
                : m.preprocessors() == null ? "preprocessors"
                : m.members() == null || m.members().isEmpty() ? "members"
                : null;
        if (absent != null) {
            throw new ModelFormatException("corrupt model manifest " + mf + ": no " + absent);
        }
        List<Member> members = new ArrayList<>();
        int[] groups = new int[m.members().size()];
        for (MemberRef ref : m.members()) {
            if (ref != null) {
                groups[members.size()] = ref.group();
            }
            if (ref == null || ref.file() == null || ref.kind() == null) {
                throw new ModelFormatException("corrupt model manifest " + mf + ": a member has no file or kind");
            }
            if (ref.preprocessor() < 0 || ref.preprocessor() >= m.preprocessors().size()) {
                throw new ModelFormatException("corrupt model manifest " + mf + ": " + ref.file() + " refers to"
                        + " preprocessor " + ref.preprocessor() + " but there are " + m.preprocessors().size());
            }
            Path blobPath = dir.resolve(ref.file()).normalize();
            if (!blobPath.startsWith(dir.normalize())) {
                throw new ModelFormatException("member file " + ref.file() + " points outside the model directory");
            }
            byte[] blob;
            try {
                blob = Files.readAllBytes(blobPath);
            } catch (NoSuchFileException e) {
                throw new ModelFormatException("model at " + dir + " is incomplete: " + ref.file() + " is missing", e);
            }
            if (!sha256(blob).equals(ref.sha256())) {
                throw new ModelFormatException("model at " + dir + " is corrupt: " + ref.file()
                        + " does not match its SHA-256 checksum");
            }
            blob = decode(blob, ref, dir);
            FittedLearner learner;
            try {
                learner = catalog.load(ref.kind(), blob);
            } catch (RuntimeException e) {
                throw new ModelFormatException("cannot restore " + ref.file() + " (" + ref.kind() + "): "
                        + e.getMessage(), e);
            }
            members.add(new Member(m.preprocessors().get(ref.preprocessor()), learner, ref.weight()));
        }
        try {
            return new BaggedModel(m.signature(), m.provenance(), m.dateFormats() == null ? Map.of()
                    : m.dateFormats(), members, groups, m.stacker());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("corrupt model manifest " + mf + ": " + e.getMessage(), e);
        }
    }

    /**
     * Serialises and deflates the members on up to four threads (a large ensemble holds hundreds of fold models);
     * the bytes do not depend on the thread count.
     */
    private static byte[][] encodeAll(List<Member> members, int[] rawSizes) throws IOException {
        byte[][] out = new byte[members.size()][];
        int threads = Math.max(1, Math.min(Math.min(4, Runtime.getRuntime().availableProcessors()),
                members.size()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "automl4j-save");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    byte[] raw = members.get(index).learner().serialize();
                    rawSizes[index] = raw.length;
                    out[index] = deflate(raw);
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while saving the model");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Deflates at the fastest level: most of the gain at a fraction of the time (220 MB of blobs: 3 s, not 11). */
    static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(raw);
            d.finish();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(64, raw.length / 3));
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** The member's blob as its learner wrote it; a corrupt stream or a size other than declared is refused. */
    private static byte[] decode(byte[] stored, MemberRef ref, Path dir) {
        if (ref.encoding() == null) {
            return stored;
        }
        if (!DEFLATE.equals(ref.encoding())) {
            throw new ModelFormatException("model at " + dir + ": " + ref.file() + " has encoding '"
                    + ref.encoding() + "'; this automl4j reads '" + DEFLATE + "' or none");
        }
        if (ref.size() < 0 || ref.size() > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException("corrupt model manifest in " + dir + ": " + ref.file()
                    + " declares an invalid size " + ref.size());
        }
        Inflater inf = new Inflater();
        try {
            inf.setInput(stored);
            byte[] raw = new byte[(int) ref.size()];
            int n = 0;
            while (n < raw.length && !inf.finished()) {
                int got = inf.inflate(raw, n, raw.length - n);
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += got;
            }
            // the declared size must be exactly what the stream holds: no truncation, no extra data
            boolean exact = n == raw.length && (inf.finished() || inf.inflate(new byte[1]) == 0 && inf.finished());
            if (!exact) {
                throw new ModelFormatException("model at " + dir + " is corrupt: " + ref.file()
                        + " does not inflate to its declared " + ref.size() + " bytes");
            }
            return raw;
        } catch (DataFormatException e) {
            throw new ModelFormatException("model at " + dir + " is corrupt: " + ref.file() + " is not a valid"
                    + " deflate stream (" + e.getMessage() + ")", e);
        } finally {
            inf.end();
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
