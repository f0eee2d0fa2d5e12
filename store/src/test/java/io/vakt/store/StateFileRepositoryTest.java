package io.vakt.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.vakt.store.TestStores.T0;
import static io.vakt.store.TestStores.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateFileRepositoryTest {
    static final String FILE = "/Arrigo/state/Landskrona.json";

    @TempDir
    Path tmp;
    VaktStore store;
    StateFileRepository state;

    @BeforeEach
    void open() {
        store = TestStores.open(tmp);
        state = store.stateFiles();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void missingFileReadsAsEmpty() {
        assertThat(state.read(FILE)).isEmpty();
    }

    @Test
    void writtenContentComesBack() {
        state.write(FILE, "{\"setpoint\":21}");
        assertThat(state.read(FILE)).contains("{\"setpoint\":21}");
    }

    @Test
    void writeReplacesTheWholeFileAndStampsTheTime() {
        state.write(FILE, "first");
        state.write(FILE, "second");
        assertThat(state.read(FILE)).contains("second");
        assertThat(state.files()).containsExactly(FILE);
        assertThat(queryOne(store, "SELECT updated_at FROM ssf_state WHERE file = ?", FILE))
                .contains(Long.toString(T0.toEpochMilli()));
    }

    @Test
    void emptyContentIsAFileToo() {
        state.write(FILE, "");
        assertThat(state.read(FILE)).contains("");
    }

    @Test
    void pathsCompareExactlyIncludingLetterCase() {
        state.write("/Arrigo/state/a.json", "lower");
        state.write("/Arrigo/state/A.json", "upper");
        assertThat(state.read("/Arrigo/state/a.json")).contains("lower");
        assertThat(state.read("/Arrigo/state/A.json")).contains("upper");
        assertThat(state.read("/arrigo/state/a.json")).isEmpty();
        assertThat(state.read("/Arrigo/state/a.json ")).isEmpty();
    }

    @Test
    void deleteSaysWhetherThereWasAFile() {
        state.write(FILE, "x");
        assertThat(state.delete(FILE)).isTrue();
        assertThat(state.read(FILE)).isEmpty();
        assertThat(state.delete(FILE)).isFalse();
    }

    @Test
    void filesAreListedSorted() {
        for (String f : new String[] {"/b/2.json", "/a/z.json", "/B/1.json", "/a/b.json"}) state.write(f, f);
        assertThat(state.files()).containsExactly("/B/1.json", "/a/b.json", "/a/z.json", "/b/2.json");
    }

    @Test
    void nonAsciiContentAndPathsRoundTrip() {
        String file = "/Arrigo/state/Malmö 🏢.json";
        String content = "{\"namn\":\"Ventilationsaggregat LB01 – Våning 2\",\"emoji\":\"🌡️\"}";
        state.write(file, content);
        assertThat(state.read(file)).contains(content);
    }

    @Test
    void stateSurvivesReopening() {
        state.write(FILE, "kept");
        store.close();
        store = TestStores.open(tmp);
        assertThat(store.stateFiles().read(FILE)).contains("kept");
    }

    @Test
    void pathMayBe1024CharactersLong() {
        String longest = "/" + "p".repeat(1023);
        state.write(longest, "x");
        assertThat(state.read(longest)).contains("x");
    }

    @Test
    void invalidPathsAreRefusedByEveryMethod() {
        String tooLong = "/" + "p".repeat(1024);
        assertThatThrownBy(() -> state.read(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("state file path must not be null");
        assertThatThrownBy(() -> state.write("", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("state file path must not be empty");
        assertThatThrownBy(() -> state.delete(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state file path is 1025 characters long; at most 1024 are allowed");
        assertThatThrownBy(() -> state.read(tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.write(tooLong, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullContentIsRefused() {
        assertThatThrownBy(() -> state.write(FILE, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("state file content must not be null");
    }

    @Test
    void contentUpTo16MiBIsStored() {
        String largest = "x".repeat(StateFileRepository.MAX_CONTENT_BYTES);
        state.write(FILE, largest);
        assertThat(state.read(FILE)).hasValueSatisfying(c -> assertThat(c).hasSize(largest.length()));
    }

    @Test
    void contentOver16MiBIsRefused() {
        assertThatThrownBy(() -> state.write(FILE, "x".repeat(StateFileRepository.MAX_CONTENT_BYTES + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state file content is 16777217 bytes in UTF-8; at most 16777216 (16 MiB) are allowed");
        assertThat(state.read(FILE)).isEmpty();
    }

    @Test
    void contentLimitCountsUtf8BytesNotCharacters() {
        String nineMillionTwoByteChars = "é".repeat(9_000_000); // 18 000 000 bytes
        assertThatThrownBy(() -> state.write(FILE, nineMillionTwoByteChars))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("state file content is 18000000 bytes");
    }

    @Test
    void utf8LengthMatchesTheEncoder() {
        for (String s : new String[] {"", "abc", "åäö", "€", "🏢🌡️", "a\u0000b", "mixed ö € 🏢 text"}) {
            assertThat(StateFileRepository.utf8Length(s))
                    .as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void closedStoreRefusesWork() {
        store.close();
        assertThatThrownBy(() -> state.read(FILE)).isInstanceOf(StoreException.class).hasMessageContaining("is closed");
    }
}
