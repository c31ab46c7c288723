import TelemetryExposition
import TelemetryModel
import Testing

@Suite("Accumulating OTLP metrics as the collector's prometheus exporter does")
struct PrometheusAccumulatorTests {
    static let resource = Resource(attributes: ["service.name": "svc"])
    static let labels = #"{job="svc",otel_scope_name="app",otel_scope_schema_url="",otel_scope_version="1.0"}"#

    /// The exposed sample lines (no comments) of `accumulator`.
    static func samples(_ accumulator: PrometheusAccumulator) -> [String] {
        accumulator.exposition().text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }

    @Test("delta sums across two batches add up when the second starts where the first ended")
    func deltaSumAccumulates() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(
            Fixtures.metrics([Fixtures.sum("jobs", temporality: .delta, value: .int(5), start: 100, time: 200)], resource: Self.resource)
        )
        accumulator.accumulate(
            Fixtures.metrics([Fixtures.sum("jobs", temporality: .delta, value: .int(7), start: 200, time: 300)], resource: Self.resource)
        )
        #expect(Self.samples(accumulator) == ["jobs_total\(Self.labels) 12"])
        // A delta that does not continue the series is a restart: it replaces the total.
        accumulator.accumulate(
            Fixtures.metrics([Fixtures.sum("jobs", temporality: .delta, value: .int(1), start: 350, time: 400)], resource: Self.resource)
        )
        #expect(Self.samples(accumulator) == ["jobs_total\(Self.labels) 1"])
        #expect(accumulator.droppedDataPointCount == 0)
    }

    @Test("delta double sums add up too")
    func deltaDoubleSum() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(
            Fixtures.metrics([Fixtures.sum("bytes", temporality: .delta, value: .double(0.5), start: 1, time: 2)], resource: Self.resource)
        )
        accumulator.accumulate(
            Fixtures.metrics([Fixtures.sum("bytes", temporality: .delta, value: .double(0.25), start: 2, time: 3)], resource: Self.resource)
        )
        #expect(Self.samples(accumulator) == ["bytes_total\(Self.labels) 0.75"])
    }

    @Test("delta histograms add bucket by bucket; a point starting before the held one ends is dropped")
    func deltaHistogram() {
        var accumulator = PrometheusAccumulator()
        func batch(_ counts: [UInt64], _ sum: Double, start: UInt64, time: UInt64) -> MetricsData {
            Fixtures.metrics(
                [Fixtures.histogram("wait", unit: "ms", temporality: .delta, bounds: [10, 100], counts: counts, sum: sum, start: start, time: time)],
                resource: Self.resource
            )
        }
        accumulator.accumulate(batch([1, 0, 0], 4, start: 0, time: 10))
        accumulator.accumulate(batch([0, 2, 1], 400, start: 10, time: 20))
        let labels = Self.labels.dropLast()
        #expect(
            Self.samples(accumulator) == [
                "wait_milliseconds_bucket\(labels),le=\"10\"} 1",
                "wait_milliseconds_bucket\(labels),le=\"100\"} 3",
                "wait_milliseconds_bucket\(labels),le=\"+Inf\"} 4",
                "wait_milliseconds_sum\(Self.labels) 404",
                "wait_milliseconds_count\(Self.labels) 4",
            ]
        )
        accumulator.accumulate(batch([5, 5, 5], 1, start: 15, time: 30))
        #expect(accumulator.droppedDataPointCounts == [.misalignedDelta: 1])
        #expect(Self.samples(accumulator).last == "wait_milliseconds_count\(Self.labels) 4")
    }

    @Test("cumulative points: the latest wins, an older one is dropped and counted")
    func cumulativeLatestWins() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(Fixtures.metrics([Fixtures.sum("hits", value: .int(10), start: 1, time: 200)], resource: Self.resource))
        accumulator.accumulate(Fixtures.metrics([Fixtures.sum("hits", value: .int(20), start: 1, time: 300)], resource: Self.resource))
        accumulator.accumulate(Fixtures.metrics([Fixtures.sum("hits", value: .int(99), start: 1, time: 250)], resource: Self.resource))
        #expect(Self.samples(accumulator) == ["hits_total\(Self.labels) 20"])
        #expect(accumulator.droppedDataPointCounts == [.outOfOrder: 1])
    }

    @Test("gauges keep the latest value")
    func gaugeLatest() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(Fixtures.metrics([Fixtures.gauge("temp", value: .double(20.5), time: 1)], resource: Self.resource))
        accumulator.accumulate(Fixtures.metrics([Fixtures.gauge("temp", value: .double(-3), time: 2)], resource: Self.resource))
        #expect(Self.samples(accumulator) == ["temp\(Self.labels) -3"])
    }

    @Test("the series cap evicts the least recently updated series and counts it")
    func seriesCap() {
        var accumulator = PrometheusAccumulator(maximumSeriesCount: 2)
        accumulator.accumulate(Fixtures.metrics([Fixtures.gauge("a", value: .int(1), time: 1)], resource: Self.resource))
        accumulator.accumulate(Fixtures.metrics([Fixtures.gauge("b", value: .int(2), time: 1)], resource: Self.resource))
        accumulator.accumulate(Fixtures.metrics([Fixtures.gauge("a", value: .int(3), time: 2)], resource: Self.resource))
        accumulator.accumulate(Fixtures.metrics([Fixtures.gauge("c", value: .int(4), time: 1)], resource: Self.resource))
        #expect(accumulator.seriesCount == 2)
        #expect(accumulator.evictionCount == 1)
        #expect(Self.samples(accumulator) == ["a\(Self.labels) 3", "c\(Self.labels) 4"])
    }

    @Test("eviction stays correct over many updates")
    func manyUpdates() {
        var accumulator = PrometheusAccumulator(maximumSeriesCount: 10)
        for round in 0..<200 {
            for series in 0..<10 {
                accumulator.accumulate(
                    Fixtures.metrics([Fixtures.gauge("g\(series)", value: .int(Int64(round)), time: UInt64(round))], resource: Self.resource)
                )
            }
        }
        #expect(accumulator.evictionCount == 0)
        accumulator.accumulate(Fixtures.metrics([Fixtures.gauge("new", value: .int(1), time: 1)], resource: Self.resource))
        #expect(accumulator.evictionCount == 1)
        #expect(!Self.samples(accumulator).contains { $0.hasPrefix("g0{") })
        #expect(accumulator.seriesCount == 10)
    }

    @Test("non-monotonic deltas, unspecified temporality and exponential histograms are dropped and counted")
    func unsupportedPoints() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(
            Fixtures.metrics(
                [
                    Fixtures.sum("updown", monotonic: false, temporality: .delta, value: .int(1)),
                    Fixtures.sum("unspecified", temporality: .unspecified, value: .int(1)),
                    Metric(
                        name: "exp",
                        data: .exponentialHistogram(
                            .init(
                                dataPoints: [
                                    ExponentialHistogramDataPoint(count: 3), ExponentialHistogramDataPoint(attributes: ["k": "v"], count: 1),
                                ],
                                aggregationTemporality: .cumulative
                            )
                        )
                    ),
                ],
                resource: Self.resource
            )
        )
        #expect(accumulator.seriesCount == 0)
        #expect(accumulator.droppedDataPointCounts == [.nonMonotonicDelta: 1, .unspecifiedTemporality: 1, .exponentialHistogram: 2])
        #expect(accumulator.exposition().text == "")
    }

    @Test("a point with no recorded value removes its series")
    func noRecordedValue() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(Fixtures.metrics([Fixtures.gauge("up", value: .int(1), time: 1)], resource: Self.resource))
        let stale = Metric(name: "up", data: .gauge([NumberDataPoint(timeUnixNano: 2, value: nil, flags: .noRecordedValue)]))
        accumulator.accumulate(Fixtures.metrics([stale], resource: Self.resource))
        #expect(accumulator.seriesCount == 0)
        #expect(accumulator.droppedDataPointCounts == [.noRecordedValue: 1])
    }

    @Test("a series is identified by job and instance, not by the other resource attributes")
    func seriesIdentity() {
        var accumulator = PrometheusAccumulator()
        accumulator.accumulate(
            Fixtures.metrics(
                [Fixtures.gauge("g", value: .int(1), time: 1)],
                resource: Resource(attributes: ["service.name": "svc", "host.name": "a"])
            )
        )
        accumulator.accumulate(
            Fixtures.metrics(
                [Fixtures.gauge("g", value: .int(2), time: 2)],
                resource: Resource(attributes: ["service.name": "svc", "host.name": "b"])
            )
        )
        #expect(accumulator.seriesCount == 1)
        accumulator.accumulate(
            Fixtures.metrics(
                [Fixtures.gauge("g", value: .int(3), time: 3)],
                resource: Resource(attributes: ["service.name": "other"])
            )
        )
        #expect(accumulator.seriesCount == 2)
    }
}
