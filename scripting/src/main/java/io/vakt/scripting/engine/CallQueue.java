package io.vakt.scripting.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fair scheduler in front of the workers. A worker takes the oldest waiting job whose path has fewer than
 * {@code maxConcurrentPerPath} jobs running, so one slow or busy path never holds more than that many
 * contexts while other paths' calls wait behind it. Waiting calls are bounded by {@code maxQueuedCalls}.
 */
final class CallQueue {
    enum Admission { ACCEPTED, FULL, CLOSED }

    private final int maxQueuedCalls;
    private final int maxPerPath;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final Map<String, Integer> running = new HashMap<>();
    private int waitingCalls;
    private boolean closed;

    CallQueue(int maxQueuedCalls, int maxPerPath) {
        this.maxQueuedCalls = Math.max(0, maxQueuedCalls);
        this.maxPerPath = Math.max(1, maxPerPath);
    }

    Admission offer(Job job) {
        lock.lock();
        try {
            if (closed) return Admission.CLOSED;
            if (job.isCall()) {
                if (waitingCalls >= maxQueuedCalls) return Admission.FULL;
                waitingCalls++;
            }
            waiting.addLast(job);
            changed.signalAll();
            return Admission.ACCEPTED;
        } finally {
            lock.unlock();
        }
    }

    /** The next job this worker may run, waiting for one; null once the queue is closed. */
    Job take() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                for (Iterator<Job> it = waiting.iterator(); it.hasNext(); ) {
                    Job job = it.next();
                    if (running.getOrDefault(job.path(), 0) < maxPerPath) {
                        it.remove();
                        if (job.isCall()) waitingCalls--;
                        running.merge(job.path(), 1, Integer::sum);
                        return job;
                    }
                }
                changed.await();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** A job taken with {@link #take} has finished: its path may run another. */
    void done(Job job) {
        lock.lock();
        try {
            running.computeIfPresent(job.path(), (path, count) -> count <= 1 ? null : count - 1);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int waitingCalls() {
        lock.lock();
        try {
            return waitingCalls;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further jobs, wakes every waiting worker and hands back the jobs that never ran. */
    List<Job> close() {
        lock.lock();
        try {
            closed = true;
            List<Job> left = new ArrayList<>(waiting);
            waiting.clear();
            waitingCalls = 0;
            changed.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }
}
