package io.vakt.core.driver.support;

import io.vakt.core.driver.Sample;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdvisedPointsTest {
    private static Point point(String address) { return new Point(address, PointType.REAL, "", false, null, null, "", null, null); }

    @Test
    void generationChangesOnlyWhenTheSetChanges() {
        AdvisedPoints advised = new AdvisedPoints();
        Point a = point("A");
        long start = advised.generation();
        assertThat(advised.advise(a)).isTrue();
        assertThat(advised.advise(a)).isFalse();
        assertThat(advised.generation()).isEqualTo(start + 1);
        assertThat(advised.unadvise(point("B"))).isFalse();
        assertThat(advised.unadvise(a)).isTrue();
        assertThat(advised.generation()).isEqualTo(start + 2);
        assertThat(advised.isEmpty()).isTrue();
    }

    @Test
    void snapshotKeepsAdviseOrderAndIsACopy() {
        AdvisedPoints advised = new AdvisedPoints();
        Point a = point("A");
        Point b = point("B");
        advised.advise(b);
        advised.advise(a);
        List<Point> snapshot = advised.snapshot();
        advised.unadvise(b);
        assertThat(snapshot).containsExactly(b, a);
        assertThat(advised.snapshot()).containsExactly(a);
    }

    @Test
    void publishAllReachesEveryAdvisedPoint() {
        AdvisedPoints advised = new AdvisedPoints();
        advised.advise(point("A"));
        advised.advise(point("B"));
        List<String> got = new ArrayList<>();
        advised.publishAll((point, sample) -> got.add(point.address() + "=" + sample.status()), Sample.unreachable(Instant.EPOCH));
        assertThat(got).containsExactly("A=UNREACHABLE", "B=UNREACHABLE");
    }
}
