package io.vakt.core.path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spec §3 and §5: element paths {@code Cwl.Advise.A[k]} (lists) and {@code Cwv.Advise.A[k]} (views). */
class ElementPathTest {

    @Test
    void parsesAListElementPath() {
        assertThat(ElementPath.parse("Cwl.Advise.A[3]")).contains(new ElementPath("Cwl", 3));
    }

    @Test
    void parsesAViewElementPath() {
        assertThat(ElementPath.parse("Cwv.Advise.A[0]")).contains(new ElementPath("Cwv", 0));
    }

    @Test
    void printsTheSameForm() {
        assertThat(new ElementPath("Cwl", 12)).hasToString("Cwl.Advise.A[12]");
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(ElementPath.parse("  Cwl.Advise.A[3]\n")).contains(new ElementPath("Cwl", 3));
    }

    @Test
    void sixDigitIndexIsTheLongestAccepted() {
        assertThat(ElementPath.parse("Cwl.Advise.A[999999]")).contains(new ElementPath("Cwl", 999999));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cwl.Advise.A[-1]", "Cwl.Advise.B[0]", "Cwl.Advise.A[ 0]", "Cwl.Advise .A[0]",
            "Cwl. Advise.A[0]", "Cwl.Advise.A [0]", "Cwl.Advise.A[1 ]", "Cwl.Advise.A[1234567]",
            "Cwl.Advise.A[99999999999999999999]", "Cwl.Advise.A[]", "Cwl.Advise.A[x]", "Cwl.Advise.A[0]x",
            "Cwl.Advise.A[0].Value", "Cwl.AdviseRefs.A[0]", "CWL.Advise.A[0]", "Xwl.Advise.A[0]", "Advise.A[0]",
            "Cw.Advise.A[0]", "Cwlist.Advise.A[0]", "Cwl.advise.A[0]", "Cwl.Advise.a[0]", "Cwl.Advise.A[٣]",
            "Cwl.Advise.A[0", "Cwl.Advise.A0]", "Cwl.Advise.A[1.5]", "Cwl.Advise.A[+1]", ""})
    void malformedElementPathIsEmpty(String text) {
        assertThat(ElementPath.parse(text)).isEmpty();
    }

    @Test
    void nullIsEmpty() {
        assertThat(ElementPath.parse(null)).isEmpty();
    }

    @Test
    void negativeIndexCannotBeConstructed() {
        assertThatThrownBy(() -> new ElementPath("Cwl", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomPathsRoundTrip() {
        Seeded.run("element path round trip", random -> {
            String[] roots = {"Cwl", "Cwv", "Cwav", "Cwlv"};
            for (int i = 0; i < 5000; i++) {
                ElementPath path = new ElementPath(roots[random.nextInt(roots.length)], random.nextInt(1_000_000));
                assertThat(ElementPath.parse(path.toString())).contains(path);
                assertThat(ElementPath.parse(path.toString().replace("Advise", "Advice"))).isEmpty();
            }
        });
    }
}
