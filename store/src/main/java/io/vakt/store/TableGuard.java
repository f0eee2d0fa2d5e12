package io.vakt.store;

import io.vakt.core.error.Fault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Proves, before a script's query runs, that it reads nothing but one log table. The same SQLite file holds
 * users (password hashes), refresh tokens and service keys, and parsing SQL text cannot see through views,
 * subqueries and table-valued functions reliably. SQLite's compiled program can: every b-tree a statement
 * reads is opened by an {@code OpenRead} (or {@code ReopenIdx}) naming the tree's root page, so
 * {@code EXPLAIN <sql>} lists exactly what the statement would touch. A view such as {@code userlog} compiles
 * into reads of its base table, which is how it passes.
 *
 * <p>Refused: cursors on any other b-tree (other tables and their indexes, and {@code sqlite_schema} on
 * page 1), cursors on another database (attached or temp: p3 ≠ 0), write cursors, virtual tables
 * ({@code pragma_*} functions, {@code json_each}, {@code sqlite_dbpage}: {@code VOpen} and friends),
 * write transactions and schema or maintenance operations. Cursors on scratch tables the statement builds
 * for itself (sorting, DISTINCT, materialised subqueries) are fine.
 *
 * <p>Check and run must happen in one read transaction, so the schema, and with it the root pages, cannot
 * change in between.
 */
final class TableGuard {
    /** The root page of {@code sqlite_schema}, which no log table ever has. */
    private static final long SCHEMA_ROOT_PAGE = 1;
    /** OPFLAG_P2ISREG: p2 names a register holding the root page, which cannot be checked up front. */
    private static final long P2_IS_REGISTER = 0x10;

    private static final Set<String> TABLE_CURSORS = Set.of("OpenRead", "ReopenIdx");
    private static final Set<String> SCRATCH_CURSORS =
            Set.of("OpenEphemeral", "OpenAutoindex", "OpenPseudo", "OpenDup", "SorterOpen");
    private static final Set<String> FORBIDDEN = Set.of(
            // virtual tables: table-valued pragmas, json_each, sqlite_dbpage, …
            "VBegin", "VCreate", "VDestroy", "VOpen", "VCheck", "VInitIn", "VFilter", "VColumn", "VNext",
            "VRename", "VUpdate",
            // schema changes, maintenance and nested programs: none belongs in a SELECT
            "CreateBtree", "Destroy", "Clear", "ParseSchema", "SqlExec", "LoadAnalysis", "DropTable", "DropIndex",
            "DropTrigger", "IntegrityCk", "Vacuum", "IncrVacuum", "SetCookie", "JournalMode", "Checkpoint",
            "TableLock", "Expire", "Program", "Pagecount", "MaxPgcnt");

    private final String refusal;

    /** @param refusal the message a refused query fails with */
    TableGuard(String refusal) {
        this.refusal = refusal;
    }

    /**
     * The root pages of {@code baseTable} and its indexes: every b-tree a query over it may open.
     *
     * @throws StoreException if there is no such table
     */
    static Set<Long> rootPages(Connection c, String baseTable) throws SQLException {
        Set<Long> pages = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT rootpage FROM sqlite_schema WHERE tbl_name = ? AND type IN ('table', 'index') AND rootpage > 0")) {
            s.setString(1, baseTable);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) pages.add(rs.getLong(1));
            }
        }
        if (pages.isEmpty()) throw new StoreException("the store has no table " + baseTable);
        pages.remove(SCHEMA_ROOT_PAGE); // cannot happen for a real table; a read of the schema is never allowed
        return Set.copyOf(pages);
    }

    /**
     * Compiles {@code EXPLAIN sql} and inspects the program.
     *
     * @throws io.vakt.core.error.VaktException {@code INVALID_ARGUMENT} if the statement would read or change
     *                                          anything but the b-trees in {@code allowedRoots}
     * @throws SQLException                     if the statement does not compile
     */
    void check(Connection c, String sql, Set<Long> allowedRoots) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet program = s.executeQuery("EXPLAIN " + sql)) {
            while (program.next()) {
                Instruction op = new Instruction(program.getString("opcode"), program.getLong("p1"),
                        program.getLong("p2"), program.getLong("p3"), program.getLong("p5"));
                if (!allowed(op, allowedRoots)) throw Fault.INVALID_ARGUMENT.exception(refusal);
            }
        }
    }

    static boolean allowed(Instruction op, Set<Long> allowedRoots) {
        String opcode = op.opcode();
        if (TABLE_CURSORS.contains(opcode)) {
            return op.p3() == 0 && (op.p5() & P2_IS_REGISTER) == 0 && op.p2() != SCHEMA_ROOT_PAGE
                    && allowedRoots.contains(op.p2());
        }
        if (SCRATCH_CURSORS.contains(opcode)) return true;
        // OpenWrite, and any cursor kind a later SQLite adds, until someone has looked at it
        if (opcode.startsWith("Open")) return false;
        // a read transaction on the main database only: p1 is the database, p2 non-zero asks for a write
        if (opcode.equals("Transaction")) return op.p1() == 0 && op.p2() == 0;
        return !FORBIDDEN.contains(opcode);
    }

    /** One line of an {@code EXPLAIN} listing, as far as the guard reads it. */
    record Instruction(String opcode, long p1, long p2, long p3, long p5) {}
}
