package io.vakt.store;

import io.vakt.store.TableGuard.Instruction;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision per instruction; {@link LogQueriesTest} checks it against programs SQLite really compiles. */
class TableGuardTest {
    static final Set<Long> AUDIT_LOG = Set.of(2L, 4L, 5L);

    static boolean allowed(String opcode, long p1, long p2, long p3, long p5) {
        return TableGuard.allowed(new Instruction(opcode, p1, p2, p3, p5), AUDIT_LOG);
    }

    @Test
    void readsOfTheAllowedTreesOnTheMainDatabasePass() {
        assertThat(allowed("OpenRead", 0, 2, 0, 0)).isTrue();
        assertThat(allowed("OpenRead", 1, 4, 0, 2)).isTrue(); // OPFLAG_SEEKEQ
        assertThat(allowed("ReopenIdx", 1, 5, 0, 0)).isTrue();
    }

    @Test
    void readsOfOtherTreesAreRefused() {
        assertThat(allowed("OpenRead", 0, 3, 0, 0)).isFalse();
        assertThat(allowed("ReopenIdx", 0, 7, 0, 0)).isFalse();
    }

    @Test
    void theSchemaTableIsNeverReadable() {
        assertThat(TableGuard.allowed(new Instruction("OpenRead", 0, 1, 0, 0), Set.of(1L, 2L))).isFalse();
    }

    @Test
    void otherDatabasesAreRefusedEvenForAnAllowedPageNumber() {
        assertThat(allowed("OpenRead", 0, 2, 1, 0)).isFalse(); // temp
        assertThat(allowed("OpenRead", 0, 2, 2, 0)).isFalse(); // attached
    }

    @Test
    void aRootPageHeldInARegisterIsRefused() {
        assertThat(allowed("OpenRead", 0, 2, 0, 0x10)).isFalse();
    }

    @Test
    void writeCursorsAndUnknownCursorKindsAreRefused() {
        assertThat(allowed("OpenWrite", 0, 2, 0, 0)).isFalse();
        assertThat(allowed("OpenSomethingNew", 0, 0, 0, 0)).isFalse();
    }

    @Test
    void scratchCursorsPass() {
        for (String opcode : new String[] {"OpenEphemeral", "OpenAutoindex", "OpenPseudo", "OpenDup", "SorterOpen"}) {
            assertThat(allowed(opcode, 3, 9, 0, 0)).as(opcode).isTrue();
        }
    }

    @Test
    void onlyAReadTransactionOnTheMainDatabasePasses() {
        assertThat(allowed("Transaction", 0, 0, 4, 1)).isTrue();
        assertThat(allowed("Transaction", 0, 1, 4, 1)).isFalse();
        assertThat(allowed("Transaction", 1, 0, 4, 1)).isFalse();
    }

    @Test
    void virtualTablesAndSchemaOperationsAreRefused() {
        for (String opcode : new String[] {"VOpen", "VFilter", "VColumn", "VNext", "VUpdate", "VBegin", "VCreate",
                "ParseSchema", "SqlExec", "CreateBtree", "Destroy", "Clear", "DropTable", "Vacuum", "SetCookie",
                "Program", "IntegrityCk"}) {
            assertThat(allowed(opcode, 0, 0, 0, 0)).as(opcode).isFalse();
        }
    }

    @Test
    void ordinaryInstructionsPass() {
        for (String opcode : new String[] {"Init", "Rewind", "Column", "Rowid", "ResultRow", "Next", "Halt", "Goto",
                "Function", "Variable", "SeekGE", "IdxGT", "Insert", "IdxInsert", "Sort", "AggStep", "Count"}) {
            assertThat(allowed(opcode, 0, 0, 0, 0)).as(opcode).isTrue();
        }
    }
}
