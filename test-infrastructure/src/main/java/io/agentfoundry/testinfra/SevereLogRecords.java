package io.agentfoundry.testinfra;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what a service in this JVM logs at SEVERE (ERROR) while a test runs, for tests that must show the server
 * logged no error (an SSE stream ended at once, say). {@link #start} before, {@link #stop} after.
 */
public final class SevereLogRecords extends Handler {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public SevereLogRecords start() {
        Logger.getLogger("").addHandler(this);
        return this;
    }

    public void stop() {
        Logger.getLogger("").removeHandler(this);
    }

    /** Each record's message with its exceptions' chain, one line each. */
    public List<String> described() {
        return records.stream().map(SevereLogRecords::describe).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    private static String describe(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        for (Throwable thrown = record.getThrown(); thrown != null; thrown = thrown.getCause()) {
            text.append(" / ").append(thrown);
        }
        return text.toString();
    }
}
