package io.agentfoundry.builder.service;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.events.TimerEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns jib's events into the job's log: jib's lifecycle messages, a line for each blob (layer or config) whose bytes
 * were uploaded, with its size, and a summary of what was uploaded and what the registry already had.
 */
final class BuildProgress {

    /** How jib names the progress of one blob's push: "pushing blob sha256:…", its size in units. */
    private static final String PUSHING_BLOB = "pushing blob ";
    /** jib's timer lap when it starts sending a blob's bytes; a blob the registry has, or mounts, never gets one. */
    private static final String UPLOADING_BLOB = "pushBlob PATCH ";

    private final BuildLog log;
    private final Map<Allocation, Long> unitsDone = new ConcurrentHashMap<>();
    private final Set<String> uploading = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> uploaded = new ConcurrentHashMap<>();

    BuildProgress(BuildLog log) {
        this.log = log;
    }

    void onLog(LogEvent event) {
        if (event.getLevel() == LogEvent.Level.LIFECYCLE && !event.getMessage().isBlank()) {
            log.info(event.getMessage());
        }
    }

    void onTimer(TimerEvent event) {
        if (event.getDescription().startsWith(UPLOADING_BLOB)) {
            uploading.add(event.getDescription().substring(UPLOADING_BLOB.length()));
        }
    }

    void onProgress(ProgressEvent event) {
        Allocation allocation = event.getAllocation();
        if (!allocation.getDescription().startsWith(PUSHING_BLOB) || event.getUnits() == 0) {
            return;
        }
        long size = allocation.getAllocationUnits();
        String digest = allocation.getDescription().substring(PUSHING_BLOB.length());
        if (unitsDone.merge(allocation, event.getUnits(), Long::sum) >= size && uploading.contains(digest)) {
            uploaded.put(digest, size);
            log.info("Pushed blob " + digest + " (" + bytes(size) + ")");
        }
    }

    /** Every layer of the pushed image was either uploaded by this build or already in the registry. */
    String summary(ImageDescription pushed) {
        Map<String, Long> present = new LinkedHashMap<>();
        pushed.images().forEach(image -> image.layers().stream()
                .filter(layer -> !uploaded.containsKey(layer.digest()))
                .forEach(layer -> present.put(layer.digest(), layer.size())));
        long uploadedBytes = uploaded.values().stream().mapToLong(Long::longValue).sum();
        String alreadyThere = present.isEmpty() ? "none" : present.entrySet().stream()
                .map(layer -> layer.getKey() + " (" + bytes(layer.getValue()) + ")")
                .collect(Collectors.joining(", "));
        return "Pushed " + uploaded.size() + " blobs (" + bytes(uploadedBytes) + "); layers already in the registry: "
                + alreadyThere;
    }

    static String bytes(long count) {
        if (count < 10_000) {
            return count + " bytes";
        }
        return count < 10_000_000 ? String.format("%.1f kB", count / 1e3) : String.format("%.1f MB", count / 1e6);
    }
}
