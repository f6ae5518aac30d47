package io.agentfoundry.testinfra.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import io.agentfoundry.events.Sha256;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes the offline TEST runtime image from Debian root filesystems, without a Docker daemon. Each rootfs tarball
 * (made by {@code runtime-images/offline-test-runtime/build.sh}) becomes the one layer of a docker-archive base; jib
 * adds the strands test double as a second layer, the environment and the labels that say what this image is: a test
 * runtime, whose {@code strands} is a double that does not call any model.
 *
 * <pre>
 * OfflineRuntimeImage --rootfs linux/amd64=ROOTFS.tar.gz [--rootfs linux/arm64=ROOTFS.tar.gz]
 *                     --test-double DIR --python-packages 'fastapi==0.92.0,...' --work-dir DIR
 *                     (--tar-dir DIR | --registry HOST[:PORT] [--insecure]) [--tag TAG]
 * </pre>
 * A tar directory gets one docker-archive per platform, {@code offline-test-runtime-<arch>.tar}. A registry gets
 * {@code agentfoundry/offline-test-runtime:<tag>-<arch>} per platform and {@code :<tag>} for all of them (a manifest
 * list when there are several). Prints one line per image written: {@code <platform> <reference> <digest>}.
 */
public final class OfflineRuntimeImage {

    public static final String REPOSITORY = "agentfoundry/offline-test-runtime";
    static final AbsoluteUnixPath TEST_DOUBLE_DIR = AbsoluteUnixPath.get("/opt/agentfoundry/python-test-double");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Platform, Path> rootfsByPlatform;
    private final Path testDouble;
    private final String pythonPackages;
    private final Path workDir;
    private final Optional<Path> tarDir;
    private final Optional<String> registry;
    private final boolean insecure;
    private final String tag;

    private OfflineRuntimeImage(Map<Platform, Path> rootfsByPlatform, Path testDouble, String pythonPackages,
                                Path workDir, Optional<Path> tarDir, Optional<String> registry, boolean insecure,
                                String tag) {
        this.rootfsByPlatform = rootfsByPlatform;
        this.testDouble = testDouble;
        this.pythonPackages = pythonPackages;
        this.workDir = workDir;
        this.tarDir = tarDir;
        this.registry = registry;
        this.insecure = insecure;
        this.tag = tag;
    }

    public static void main(String[] args) throws Exception {
        Map<Platform, Path> rootfs = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--insecure" -> options.put("insecure", "true");
                case "--rootfs" -> {
                    String[] platformAndPath = value(args, ++i).split("=", 2);
                    rootfs.put(platform(platformAndPath[0]), Path.of(platformAndPath[1]));
                }
                case "--test-double", "--python-packages", "--work-dir", "--tar-dir", "--registry", "--tag" ->
                        options.put(args[i].substring(2), value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        boolean oneTarget = options.containsKey("tar-dir") != options.containsKey("registry");
        if (rootfs.isEmpty() || !options.containsKey("test-double") || !options.containsKey("python-packages")
                || !options.containsKey("work-dir") || !oneTarget) {
            throw new IllegalArgumentException("Usage: --rootfs os/arch=ROOTFS.tar.gz... --test-double DIR"
                    + " --python-packages LIST --work-dir DIR (--tar-dir DIR | --registry HOST[:PORT] [--insecure])"
                    + " [--tag TAG]");
        }
        new OfflineRuntimeImage(rootfs, Path.of(options.get("test-double")), options.get("python-packages"),
                Path.of(options.get("work-dir")), Optional.ofNullable(options.get("tar-dir")).map(Path::of),
                Optional.ofNullable(options.get("registry")), options.containsKey("insecure"),
                options.getOrDefault("tag", "bookworm")).build();
    }

    private void build() throws Exception {
        Files.createDirectories(workDir);
        FileEntriesLayer testDoubleLayer = testDoubleLayer();
        Map<Platform, String> digests = new LinkedHashMap<>();
        for (Map.Entry<Platform, Path> platform : rootfsByPlatform.entrySet()) {
            Path base = wrapAsDockerArchive(platform.getKey(), platform.getValue());
            String arch = platform.getKey().getArchitecture();
            Containerizer target;
            String reference;
            if (tarDir.isPresent()) {
                Files.createDirectories(tarDir.get());
                Path tar = tarDir.get().resolve("offline-test-runtime-" + arch + ".tar");
                reference = "docker-archive:" + tar.toAbsolutePath();
                target = Containerizer.to(TarImage.at(tar).named(REPOSITORY + ":" + tag + "-" + arch));
            } else {
                reference = registry.get() + "/" + REPOSITORY + ":" + tag + "-" + arch;
                target = Containerizer.to(RegistryImage.named(reference));
                if (rootfsByPlatform.size() == 1) {
                    target.withAdditionalTag(tag);
                }
            }
            JibContainer image = Jib.from(TarImage.at(base))
                    .setPlatforms(Set.of(platform.getKey()))
                    .addFileEntriesLayer(testDoubleLayer)
                    .addEnvironmentVariable("PYTHONPATH", TEST_DOUBLE_DIR.toString())
                    .addEnvironmentVariable("LANG", "C.UTF-8")
                    .setLabels(labels())
                    .setCreationTime(Instant.EPOCH)
                    .containerize(target.setAllowInsecureRegistries(insecure)
                            .setToolName("agent-foundry-offline-runtime")
                            .setBaseImageLayersCache(workDir.resolve("jib-cache")));
            digests.put(platform.getKey(), image.getDigest().toString());
            System.out.println(name(platform.getKey()) + " " + reference + " " + image.getDigest());
        }
        if (registry.isPresent() && digests.size() > 1) {
            ImageReference list = ImageReference.parse(registry.get() + "/" + REPOSITORY + ":" + tag);
            System.out.println(String.join(",", digests.keySet().stream().map(OfflineRuntimeImage::name).toList())
                    + " " + list + " " + MultiArchIndex.publish(list, digests, insecure));
        }
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("io.agentfoundry.test-runtime", "true");
        labels.put("io.agentfoundry.python-packages", pythonPackages);
        labels.put("org.opencontainers.image.title", "Agent Foundry offline TEST runtime (not for production)");
        labels.put("org.opencontainers.image.description", "Debian bookworm python3 with FastAPI, uvicorn and boto3"
                + " from Debian packages, and a TEST DOUBLE of strands-agents and strands-agents-tools whose Agent"
                + " answers deterministically without calling a model. For CI and offline demos.");
        return labels;
    }

    private FileEntriesLayer testDoubleLayer() throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("strands-test-double");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(testDouble)) {
            paths.filter(Files::isRegularFile)
                    .filter(path -> !path.toString().contains("__pycache__"))
                    .sorted()
                    .forEach(files::add);
        }
        for (Path file : files) {
            layer.addEntry(file, TEST_DOUBLE_DIR.resolve(testDouble.relativize(file).toString()),
                    FilePermissions.fromOctalString("644"), Instant.EPOCH);
        }
        return layer.build();
    }

    /**
     * A docker-archive whose one layer is the rootfs tarball as it is (gzip'd): jib reads such tars as bases. The
     * config states the layer's diff id, the digest of its uncompressed bytes.
     */
    private Path wrapAsDockerArchive(Platform platform, Path rootfs) throws IOException {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", platform.getArchitecture());
        config.put("os", platform.getOs());
        config.putObject("config").putArray("Env")
                .add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        ObjectNode rootfsNode = config.putObject("rootfs");
        rootfsNode.put("type", "layers");
        rootfsNode.putArray("diff_ids").add(uncompressedDigest(rootfs));
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("Config", "config.json");
        manifest.putArray("RepoTags").add("agentfoundry/debian-rootfs:" + platform.getArchitecture());
        manifest.putArray("Layers").add("layer.tar.gz");

        Path archive = workDir.resolve("rootfs-" + platform.getArchitecture() + ".docker.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            addEntry(tar, "manifest.json", JSON.writeValueAsBytes(JSON.createArrayNode().add(manifest)));
            addEntry(tar, "config.json", JSON.writeValueAsBytes(config));
            TarArchiveEntry layer = new TarArchiveEntry("layer.tar.gz");
            layer.setSize(Files.size(rootfs));
            tar.putArchiveEntry(layer);
            Files.copy(rootfs, tar);
            tar.closeArchiveEntry();
        }
        return archive;
    }

    private static void addEntry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String uncompressedDigest(Path gzippedTar) throws IOException {
        try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(gzippedTar)))) {
            return Sha256.prefixed(in);
        }
    }

    /** {@code linux/arm64} */
    static Platform platform(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("A platform is os/architecture, e.g. linux/arm64, not '" + text + "'");
        }
        return new Platform(parts[1], parts[0]);
    }

    static String name(Platform platform) {
        return platform.getOs() + "/" + platform.getArchitecture();
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
