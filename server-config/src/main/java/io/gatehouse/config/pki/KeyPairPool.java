package io.gatehouse.config.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates a known number of RSA key pairs on all processors at once. RSA key generation is almost the whole
 * cost of a fresh PKI (a few hundred milliseconds per 2048-bit key, more while the JIT is cold), so doing it
 * in parallel roughly divides the run time by the number of cores. SecureRandom is thread-safe, so the one
 * instance is shared.
 */
final class KeyPairPool implements AutoCloseable {

    private final int bits;
    private final SecureRandom random;
    private final ExecutorService executor;
    private final Deque<Future<KeyPair>> pending = new ArrayDeque<>();

    KeyPairPool(int count, int bits, SecureRandom random) {
        this.bits = bits;
        this.random = random;
        int threads = Math.max(1, Math.min(count, Runtime.getRuntime().availableProcessors()));
        this.executor = count == 0 ? null : Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "gatehouse-keygen");
            thread.setDaemon(true); // never keeps the JVM alive after an error in the main thread
            return thread;
        });
        for (int i = 0; i < count; i++) {
            pending.add(executor.submit(() -> CertificateAuthority.generateKeyPair(bits, random)));
        }
    }

    /** The next pre-generated key pair; generated on the spot if more are taken than were announced. */
    KeyPair take() throws GeneralSecurityException {
        Future<KeyPair> next = pending.poll();
        if (next == null) {
            return CertificateAuthority.generateKeyPair(bits, random);
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
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
