package io.vakt.store;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTextTest {
    static final String OP = "db.userlog.query";

    static QueryText parse(String sql) {
        return QueryText.parse(sql, OP);
    }

    static void assertInvalid(String sql, String message) {
        assertThatThrownBy(() -> parse(sql))
                .isInstanceOfSatisfying(VaktException.class, e -> assertThat(e.fault()).isEqualTo(Fault.INVALID_ARGUMENT))
                .hasMessage(message);
    }

    @Test
    void placeholdersBecomePositionalInOrder() {
        QueryText text = parse("SELECT * FROM userlog WHERE user = @user AND time_ms >= @since OR user = @user");
        assertThat(text.sql()).isEqualTo("SELECT * FROM userlog WHERE user = ? AND time_ms >= ? OR user = ?");
        assertThat(text.parameters()).containsExactly("user", "since", "user");
    }

    @Test
    void placeholderNamesEndAtTheFirstNonIdentifierCharacter() {
        QueryText text = parse("SELECT @a1_b,@c$d+@ö");
        assertThat(text.sql()).isEqualTo("SELECT ?,?+?");
        assertThat(text.parameters()).containsExactly("a1_b", "c$d", "ö");
    }

    @Test
    void textInStringsQuotedIdentifiersAndCommentsIsLeftAlone() {
        String sql = """
                SELECT '@a; ?', "@b", [@c], `@d`, 'it''s @e' -- @f; ?
                /* @g; :h */ FROM userlog WHERE x = @real""";
        QueryText text = parse(sql);
        assertThat(text.parameters()).containsExactly("real");
        assertThat(text.sql()).isEqualTo(sql.replace("@real", "?"));
    }

    @Test
    void doubledQuotesStayInsideTheirIdentifier() {
        QueryText text = parse("SELECT \"a\"\"@x\" , `b``@y`, @z");
        assertThat(text.parameters()).containsExactly("z");
    }

    @Test
    void leadingCommentsAndWhitespaceAreSkippedAndCaseIgnored() {
        assertThat(parse("  -- note\n /* x */ select 1").sql()).isEqualTo("  -- note\n /* x */ select 1");
        assertThat(parse("\twith x as (select 1) select * from x").parameters()).isEmpty();
    }

    @Test
    void aFinalSemicolonAndWhatOnlyCommentsFollowIsDropped() {
        assertThat(parse("SELECT 1;").sql()).isEqualTo("SELECT 1");
        assertThat(parse("SELECT 1 ; -- done\n /* really */ ").sql()).isEqualTo("SELECT 1 ");
    }

    @Test
    void aSecondStatementIsRefused() {
        String message = OP + " runs a single statement; nothing may follow ';'";
        assertInvalid("SELECT 1; DROP TABLE users", message);
        assertInvalid("SELECT 1;SELECT 2", message);
        assertInvalid("SELECT 1; ;", message);
        assertInvalid("SELECT ';' ; DELETE FROM audit_log", message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO audit_log (time, outcome) VALUES (1, 'x')", "UPDATE users SET access_level = 'Admin'",
            "DELETE FROM audit_log", "DROP TABLE users", "ATTACH DATABASE '/tmp/x.db' AS x", "PRAGMA table_info(users)",
            "CREATE TABLE t (x)", "VACUUM", "BEGIN", "EXPLAIN SELECT 1", "VALUES (1)", "REPLACE INTO users VALUES (1)",
            "(SELECT 1)", "'SELECT' 1", "SELECTED", "WITHOUT", "@x SELECT", "/* SELECT */ DELETE FROM users"})
    void onlySelectOrWithMayStart(String sql) {
        assertInvalid(sql, OP + " runs only a SELECT statement (or WITH … SELECT)");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t", "-- nothing", "/* nothing */", ";", "  ; "})
    void emptySqlIsRefused(String sql) {
        assertInvalid(sql, "empty SQL");
    }

    @Test
    void otherPlaceholderStylesAreRefused() {
        assertInvalid("SELECT * FROM userlog WHERE id = ?", OP + " takes @name placeholders only, found '?'");
        assertInvalid("SELECT * FROM userlog WHERE id = ?1", OP + " takes @name placeholders only, found '?'");
        assertInvalid("SELECT * FROM userlog WHERE id = :id", OP + " takes @name placeholders only, found ':id'");
        assertInvalid("SELECT * FROM userlog WHERE id = $id", OP + " takes @name placeholders only, found '$id'");
    }

    @Test
    void dollarInsideAnIdentifierIsNoPlaceholder() {
        assertThat(parse("SELECT a$b FROM userlog").sql()).isEqualTo("SELECT a$b FROM userlog");
    }

    @Test
    void unclosedQuotesAndCommentsAreLeftForSqliteToJudge() {
        assertThat(parse("SELECT 'abc; @x").parameters()).isEmpty();
        assertThat(parse("SELECT 1 /* ; @x").sql()).isEqualTo("SELECT 1 /* ; @x");
        assertThat(parse("SELECT [abc; @x").parameters()).isEmpty();
    }

    @Test
    void aLoneAtSignIsNoPlaceholder() {
        assertThat(parse("SELECT @ FROM userlog").parameters()).isEmpty();
    }
}
