package io.vakt.store;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.write.AuditEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.vakt.store.TestStores.T0;
import static io.vakt.store.TestStores.pw;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int USERS_PER_THREAD = 10;
    private static final int ENTRIES_PER_THREAD = 25;

    @TempDir
    Path tmp;

    @Test
    void usersAndAuditEntriesWrittenFromManyThreadsAllLand() throws Exception {
        try (VaktStore store = TestStores.open(tmp)) {
            runConcurrently(thread -> {
                for (int i = 0; i < USERS_PER_THREAD; i++) {
                    store.users().create("user-" + thread + "-" + i, pw("pw" + i), AccessLevel.Guest);
                    store.auditLog().record(entry(thread, i));
                }
                for (int i = USERS_PER_THREAD; i < ENTRIES_PER_THREAD; i++) store.auditLog().record(entry(thread, i));
            });

            assertThat(store.users().count()).isEqualTo(THREADS * USERS_PER_THREAD);
            assertThat(store.auditLog().recent(10_000)).hasSize(THREADS * ENTRIES_PER_THREAD);
            assertThat(store.users().authenticate("user-7-9", pw("pw9"))).isPresent();
        }
    }

    @Test
    void twoStoresOnOneFileWritingAtOnceBothLand() throws Exception {
        // the second store stands for the `vakt user` CLI writing while the server runs
        try (VaktStore server = TestStores.open(tmp); VaktStore cli = TestStores.open(tmp)) {
            runConcurrently(thread -> {
                VaktStore store = thread % 2 == 0 ? server : cli;
                for (int i = 0; i < USERS_PER_THREAD; i++) {
                    store.users().create("user-" + thread + "-" + i, pw("pw"), AccessLevel.Operator);
                    store.auditLog().record(entry(thread, i));
                }
            });

            assertThat(server.users().count()).isEqualTo(THREADS * USERS_PER_THREAD);
            assertThat(cli.auditLog().recent(10_000)).hasSize(THREADS * USERS_PER_THREAD);
        }
    }

    @Test
    void storesOpeningAFreshFolderAtOnceMigrateItOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path dataDir = tmp.resolve("round-" + round);
            List<VaktStore> stores = new CopyOnWriteArrayList<>();
            try {
                runConcurrently(thread -> stores.add(TestStores.open(dataDir)));
                assertThat(stores).hasSize(THREADS);
                assertThat(TestStores.queryOne(stores.getFirst(), "SELECT count(*) FROM flyway_schema_history WHERE success = 1"))
                        .as("each migration ran once").contains("3");
            } finally {
                stores.forEach(VaktStore::close);
            }
        }
    }

    private static AuditEntry entry(int thread, int i) {
        return new AuditEntry(T0.plusMillis(i), "user-" + thread, "192.0.2." + thread, "/Site", "e" + i,
                "ctl" + thread + ".p" + i, "0", Integer.toString(i), "ok");
    }

    private interface Work {
        void run(int thread) throws Exception;
    }

    private static void runConcurrently(Work work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    work.run(thread);
                    return null;
                }));
            }
            start.countDown();
        }
        for (Future<?> f : futures) f.get();
    }
}
