package io.vakt.wamp.uri;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** WAMP spec "URIs" (loose rules) and the pattern forms of "Pattern-based Subscriptions/Registrations". */
class UriRulesTest {
    @Test
    void exactUrisHaveNonEmptyComponentsWithoutWhitespaceOrHash() {
        assertThat(UriRules.valid("com.myapp.topic1", MatchPolicy.EXACT)).isTrue();
        assertThat(UriRules.valid("accounts.acme.services.ssf.execute", MatchPolicy.EXACT)).isTrue();
        assertThat(UriRules.valid("a", MatchPolicy.EXACT)).isTrue();
        assertThat(UriRules.valid("com.my-app.ÄÖ", MatchPolicy.EXACT)).as("loose rules allow any other character").isTrue();
        assertThat(UriRules.valid(null, MatchPolicy.EXACT)).isFalse();
        assertThat(UriRules.valid("", MatchPolicy.EXACT)).isFalse();
        assertThat(UriRules.valid("com..topic", MatchPolicy.EXACT)).isFalse();
        assertThat(UriRules.valid(".com", MatchPolicy.EXACT)).isFalse();
        assertThat(UriRules.valid("com.", MatchPolicy.EXACT)).isFalse();
        assertThat(UriRules.valid("com.my topic", MatchPolicy.EXACT)).isFalse();
        assertThat(UriRules.valid("com.my\ttopic", MatchPolicy.EXACT)).isFalse();
        assertThat(UriRules.valid("com.#", MatchPolicy.EXACT)).isFalse();
    }

    @Test
    void prefixMayEndWithADot() {
        assertThat(UriRules.valid("com.myapp.", MatchPolicy.PREFIX)).isTrue();
        assertThat(UriRules.valid("com.myapp", MatchPolicy.PREFIX)).isTrue();
        assertThat(UriRules.valid("com..myapp", MatchPolicy.PREFIX)).isFalse();
        assertThat(UriRules.valid("", MatchPolicy.PREFIX)).isFalse();
    }

    @Test
    void wildcardMayHaveEmptyComponents() {
        assertThat(UriRules.valid("com..update", MatchPolicy.WILDCARD)).isTrue();
        assertThat(UriRules.valid(".myapp.", MatchPolicy.WILDCARD)).isTrue();
        assertThat(UriRules.valid("com.. x", MatchPolicy.WILDCARD)).isFalse();
        assertThat(UriRules.valid("", MatchPolicy.WILDCARD)).isFalse();
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
        assertThat(MatchPolicy.parse(null)).isEqualTo(MatchPolicy.EXACT);
        assertThat(MatchPolicy.parse("exact")).isEqualTo(MatchPolicy.EXACT);
        assertThat(MatchPolicy.parse("prefix")).isEqualTo(MatchPolicy.PREFIX);
        assertThat(MatchPolicy.parse("wildcard")).isEqualTo(MatchPolicy.WILDCARD);
    }

    @Test
    void lowerCasesWithoutLocaleSurprises() {
        assertThat(UriRules.lowerCase("ACCOUNTS.ACME.SERVICES.SSF.INFO")).isEqualTo("accounts.acme.services.ssf.info");
        assertThat(UriRules.lowerCase(null)).isNull();
    }
}
