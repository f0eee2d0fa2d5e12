package io.vakt.wamp.router;

import io.vakt.wamp.router.UriRules.Match;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** WAMP spec "URIs" (loose rules) and the pattern forms of "Pattern-based Subscriptions/Registrations". */
class UriRulesTest {
    @Test
    void exactUrisHaveNonEmptyComponentsWithoutWhitespaceOrHash() {
        assertThat(UriRules.valid("com.myapp.topic1", Match.EXACT)).isTrue();
        assertThat(UriRules.valid("accounts.acme.services.ssf.execute", Match.EXACT)).isTrue();
        assertThat(UriRules.valid("a", Match.EXACT)).isTrue();
        assertThat(UriRules.valid("com.my-app.ÄÖ", Match.EXACT)).as("loose rules allow any other character").isTrue();
        assertThat(UriRules.valid(null, Match.EXACT)).isFalse();
        assertThat(UriRules.valid("", Match.EXACT)).isFalse();
        assertThat(UriRules.valid("com..topic", Match.EXACT)).isFalse();
        assertThat(UriRules.valid(".com", Match.EXACT)).isFalse();
        assertThat(UriRules.valid("com.", Match.EXACT)).isFalse();
        assertThat(UriRules.valid("com.my topic", Match.EXACT)).isFalse();
        assertThat(UriRules.valid("com.my\ttopic", Match.EXACT)).isFalse();
        assertThat(UriRules.valid("com.#", Match.EXACT)).isFalse();
    }

    @Test
    void prefixMayEndWithADot() {
        assertThat(UriRules.valid("com.myapp.", Match.PREFIX)).isTrue();
        assertThat(UriRules.valid("com.myapp", Match.PREFIX)).isTrue();
        assertThat(UriRules.valid("com..myapp", Match.PREFIX)).isFalse();
        assertThat(UriRules.valid("", Match.PREFIX)).isFalse();
    }

    @Test
    void wildcardMayHaveEmptyComponents() {
        assertThat(UriRules.valid("com..update", Match.WILDCARD)).isTrue();
        assertThat(UriRules.valid(".myapp.", Match.WILDCARD)).isTrue();
        assertThat(UriRules.valid("com.. x", Match.WILDCARD)).isFalse();
        assertThat(UriRules.valid("", Match.WILDCARD)).isFalse();
    }

    @Test
    void wildcardPrefixIsTheFixedStartOfThePattern() {
        assertThat(UriRules.wildcardPrefix("com.myapp..update")).isEqualTo("com.myapp.");
        assertThat(UriRules.wildcardPrefix(".myapp.update")).isEmpty();
        assertThat(UriRules.wildcardPrefix("com.myapp.")).isEqualTo("com.myapp.");
        assertThat(UriRules.wildcardPrefix("com.myapp.update")).isNull();
    }

    @Test
    void matchPolicyFromOptions() {
        assertThat(Match.of(null)).isEqualTo(Match.EXACT);
        assertThat(Match.of("exact")).isEqualTo(Match.EXACT);
        assertThat(Match.of("prefix")).isEqualTo(Match.PREFIX);
        assertThat(Match.of("wildcard")).isEqualTo(Match.WILDCARD);
    }

    @Test
    void lowerCasesWithoutLocaleSurprises() {
        assertThat(UriRules.lowerCase("ACCOUNTS.ACME.SERVICES.SSF.INFO")).isEqualTo("accounts.acme.services.ssf.info");
        assertThat(UriRules.lowerCase(null)).isNull();
    }
}
