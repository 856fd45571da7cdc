package io.gatehouse.testpki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.gatehouse.credentials.KeyPairs;

/**
 * Generates a known number of RSA key pairs on all processors at once. RSA key generation is almost the whole
 * cost of a fresh PKI (a few hundred milliseconds per 2048-bit key, more while the JIT is cold), so doing it
 * in parallel roughly divides the run time by the number of cores. SecureRandom is thread-safe, so the one
 * instance is shared. Keys of several sizes can be reserved; each size has its own queue.
 */
final class KeyPairPool implements AutoCloseable {

    private final int defaultBits;
    private final SecureRandom random;
    private final Map<Integer, Deque<Future<KeyPair>>> pending = new HashMap<>();
    private ExecutorService executor;

    /** A pool that starts generating {@code count} keys of {@code bits} at once. */
    KeyPairPool(int count, int bits, SecureRandom random) {
        this.defaultBits = bits;
        this.random = random;
        reserve(count, bits);
    }

    /** Starts generating {@code count} more keys of {@code bits} in the background. */
    synchronized void reserve(int count, int bits) {
        if (count <= 0) {
            return;
        }
        if (executor == null) {
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
            executor = Executors.newFixedThreadPool(threads, task -> {
                Thread thread = new Thread(task, "gatehouse-keygen");
                thread.setDaemon(true); // never keeps the JVM alive after an error in the main thread
                return thread;
            });
        }
        Deque<Future<KeyPair>> queue = pending.computeIfAbsent(bits, b -> new ArrayDeque<>());
        for (int i = 0; i < count; i++) {
            queue.add(executor.submit(() -> KeyPairs.generateRsa(bits, random)));
        }
    }

    /** The next pre-generated key pair of the default size. */
    KeyPair take() throws GeneralSecurityException {
        return take(defaultBits);
    }

    /** The next pre-generated key pair of a size; generated on the spot if more are taken than were reserved. */
    KeyPair take(int bits) throws GeneralSecurityException {
        Future<KeyPair> next;
        synchronized (this) {
            Deque<Future<KeyPair>> queue = pending.get(bits);
            next = queue == null ? null : queue.poll();
        }
        if (next == null) {
            return KeyPairs.generateRsa(bits, random);
        }
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeneralSecurityException("interrupted while generating keys", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GeneralSecurityException cause) {
                throw cause;
            }
            throw new GeneralSecurityException("key generation failed", e.getCause());
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
