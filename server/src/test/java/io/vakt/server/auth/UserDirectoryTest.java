package io.vakt.server.auth;

import io.vakt.core.access.AccessLevel;
import io.vakt.store.Argon2Settings;
import io.vakt.store.StoreOptions;
import io.vakt.store.UserRecord;
import io.vakt.store.VaktStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class UserDirectoryTest {
    @TempDir Path dataDir;
    VaktStore store;
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService blocking = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
        blocking.shutdownNow();
        if (store != null) store.close();
    }

    VaktStore store() {
        store = VaktStore.open(dataDir, StoreOptions.defaults().withPasswordHashing(new Argon2Settings(1024, 1, 1)));
        return store;
    }

    @Test
    void findsUsersInAnyLetterCaseOnceStarted() {
        store().users().create("Alice", "pw".toCharArray(), AccessLevel.Operator);
        UserDirectory directory = new UserDirectory(store.users(), timer, blocking, Duration.ofHours(1));
        assertThat(directory.find("alice")).isEmpty();

        directory.start().toCompletableFuture().join();

        assertThat(directory.find("ALICE")).map(UserRecord::username).contains("Alice");
        assertThat(directory.find("alice")).map(UserRecord::level).contains(AccessLevel.Operator);
        assertThat(directory.find("bob")).isEmpty();
        assertThat(directory.find(null)).isEmpty();
        assertThat(directory.size()).isEqualTo(1);
    }

    @Test
    void refreshNowSeesNewDeletedAndDisabledUsers() {
        store().users().create("alice", "pw".toCharArray(), AccessLevel.Guest);
        store.users().create("bob", "pw".toCharArray(), AccessLevel.Guest);
        UserDirectory directory = new UserDirectory(store.users(), timer, blocking, Duration.ofHours(1));
        directory.start().toCompletableFuture().join();

        store.users().create("carol", "pw".toCharArray(), AccessLevel.Service);
        store.users().delete("bob");
        store.users().setDisabled("alice", true);
        assertThat(directory.find("carol")).isEmpty();
        directory.refreshNow().toCompletableFuture().join();

        assertThat(directory.find("carol")).isPresent();
        assertThat(directory.find("bob")).isEmpty();
        assertThat(directory.find("alice")).map(UserRecord::disabled).contains(true);
    }

    @Test
    void reloadsPeriodicallyOnItsOwn() {
        store();
        UserDirectory directory = new UserDirectory(store.users(), timer, blocking, Duration.ofMillis(50));
        directory.start().toCompletableFuture().join();

        store.users().create("alice", "pw".toCharArray(), AccessLevel.Guest);

        await().atMost(Duration.ofSeconds(5)).until(() -> directory.find("alice").isPresent());
        directory.close();
    }

    @Test
    void learnsAUserBeforeTheNextReload() {
        store();
        UserDirectory directory = new UserDirectory(store.users(), timer, blocking, Duration.ofHours(1));
        directory.start().toCompletableFuture().join();
        UserRecord alice = store.users().create("Alice", "pw".toCharArray(), AccessLevel.Guest);

        directory.learn(alice);

        assertThat(directory.find("alice")).contains(alice);
    }

    @Test
    void aFailedReloadKeepsTheLastSnapshot() {
        store().users().create("alice", "pw".toCharArray(), AccessLevel.Guest);
        UserDirectory directory = new UserDirectory(store.users(), timer, blocking, Duration.ofHours(1));
        directory.start().toCompletableFuture().join();
        store.close();

        assertThatThrownBy(() -> directory.refreshNow().toCompletableFuture().join()).isInstanceOf(CompletionException.class);
        assertThat(directory.find("alice")).isPresent();
        store = null;
    }

    @Test
    void refusesANonPositiveInterval() {
        store();
        assertThatThrownBy(() -> new UserDirectory(store.users(), timer, blocking, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
