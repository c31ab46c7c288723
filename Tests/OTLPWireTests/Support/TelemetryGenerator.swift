import Foundation
import TelemetryModel

/// Generates arbitrary, valid telemetry for property tests: every field set to values that
/// include the awkward ones (extremes, empty strings, control characters, non-ASCII, infinities).
/// NaN is left out only because `NaN != NaN` would make equality meaningless.
struct TelemetryGenerator {
    var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
    mutating func count(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func u64() -> UInt64 { chance(0.2) ? [0, 1, .max, 1_767_225_600_000_000_000][count(0...3)] : random.next() }
    mutating func u32() -> UInt32 { chance(0.3) ? [0, 1, .max][count(0...2)] : UInt32.random(in: .min ... .max, using: &random) }
    mutating func i32() -> Int32 { chance(0.3) ? [0, -1, .min, .max][count(0...3)] : Int32.random(in: .min ... .max, using: &random) }
    mutating func i64() -> Int64 {
        chance(0.3) ? [0, -1, .min, .max, 9_007_199_254_740_993][count(0...4)] : Int64(bitPattern: random.next())
    }

    mutating func double() -> Double {
        switch count(0...5) {
        case 0: [0.0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e-9][count(0...6)]
        case 1: Double(count(-1000...1000))
        default:
            // Any finite bit pattern.
            Double(sign: chance(0.5) ? .minus : .plus, exponent: count(-1000...1000), significand: Double.random(in: 1..<2, using: &random))
        }
    }

    mutating func string() -> String {
        let pieces = [
            "", "a", "GET /users/{id}", "héllo wörld ✓", "\"quoted\"", "back\\slash", "line\nbreak\ttab",
            "\u{0}\u{1}\u{1F}", "😀🇺🇳", "/", "日本語", String(repeating: "x", count: 300),
        ]
        return (0..<count(0...3)).map { _ in pieces[count(0...pieces.count - 1)] }.joined()
    }

    mutating func bytes() -> Data { Data((0..<count(0...20)).map { _ in UInt8.random(in: 0...255, using: &random) }) }
    mutating func traceID() -> TraceID { TraceID(high: random.next(), low: random.next()) }
    mutating func spanID() -> SpanID { SpanID(random.next()) }

    mutating func value(depth: Int = 0) -> AttributeValue {
        switch count(depth >= 3 ? 0...5 : 0...7) {
        case 0: .string(string())
        case 1: .bool(chance(0.5))
        case 2: .int(i64())
        case 3: .double(double())
        case 4: .bytes(bytes())
        case 5: .empty
        case 6: .array((0..<count(0...4)).map { _ in value(depth: depth + 1) })
        default: .keyValueList(attributes(depth: depth + 1))
        }
    }

    mutating func attributes(depth: Int = 0) -> Attributes {
        Attributes((0..<count(0...6)).map { _ in Attribute(key: string(), value: value(depth: depth)) })
    }

    mutating func resource() -> Resource {
        Resource(
            attributes: attributes(),
            droppedAttributesCount: u32(),
            entityReferences: (0..<count(0...2)).map { _ in
                EntityReference(schemaURL: string(), type: string(), identifyingKeys: [string()], descriptiveKeys: [string(), string()])
            }
        )
    }

    mutating func scope() -> InstrumentationScope {
        InstrumentationScope(name: string(), version: string(), attributes: attributes(), droppedAttributesCount: u32())
    }

    mutating func span() -> Span {
        Span(
            traceID: traceID(),
            spanID: spanID(),
            traceState: string(),
            parentSpanID: chance(0.7) ? spanID() : nil,
            flags: SpanFlags(rawValue: u32()),
            name: string(),
            kind: SpanKind.allCases[count(0...SpanKind.allCases.count - 1)],
            startTimeUnixNano: u64(),
            endTimeUnixNano: u64(),
            attributes: attributes(),
            droppedAttributesCount: u32(),
            events: (0..<count(0...3)).map { _ in
                SpanEvent(name: string(), timeUnixNano: u64(), attributes: attributes(), droppedAttributesCount: u32())
            },
            droppedEventsCount: u32(),
            links: (0..<count(0...2)).map { _ in
                SpanLink(
                    traceID: traceID(),
                    spanID: spanID(),
                    traceState: string(),
                    attributes: attributes(),
                    droppedAttributesCount: u32(),
                    flags: SpanFlags(rawValue: u32())
                )
            },
            droppedLinksCount: u32(),
            status: SpanStatus(code: SpanStatus.Code.allCases[count(0...2)], message: string())
        )
    }

    mutating func traces() -> TracesData {
        TracesData(
            resourceSpans: (0..<count(0...3)).map { _ in
                ResourceSpans(
                    resource: resource(),
                    scopeSpans: (0..<count(0...3)).map { _ in
                        ScopeSpans(scope: scope(), spans: (0..<count(0...4)).map { _ in span() }, schemaURL: string())
                    },
                    schemaURL: string()
                )
            }
        )
    }

    mutating func metricValue() -> MetricValue? {
        switch count(0...4) {
        case 0: nil
        case 1, 2: .int(i64())
        default: .double(double())
        }
    }

    mutating func exemplars() -> [Exemplar] {
        (0..<count(0...2)).map { _ in
            Exemplar(
                filteredAttributes: attributes(),
                timeUnixNano: u64(),
                value: metricValue(),
                spanID: chance(0.5) ? spanID() : nil,
                traceID: chance(0.5) ? traceID() : nil
            )
        }
    }

    mutating func temporality() -> AggregationTemporality { AggregationTemporality.allCases[count(0...2)] }
    mutating func optionalDouble() -> Double? { chance(0.7) ? double() : nil }
    mutating func counts() -> [UInt64] { (0..<count(0...6)).map { _ in u64() } }

    mutating func numberPoint() -> NumberDataPoint {
        NumberDataPoint(
            attributes: attributes(),
            startTimeUnixNano: u64(),
            timeUnixNano: u64(),
            value: metricValue(),
            exemplars: exemplars(),
            flags: DataPointFlags(rawValue: u32())
        )
    }

    mutating func metricData() -> MetricData {
        switch count(0...4) {
        case 0: return .gauge((0..<count(0...3)).map { _ in numberPoint() })
        case 1:
            return .sum(
                .init(
                    dataPoints: (0..<count(0...3)).map { _ in numberPoint() },
                    aggregationTemporality: temporality(),
                    isMonotonic: chance(0.5)
                )
            )
        case 2:
            return .histogram(
                .init(
                    dataPoints: (0..<count(0...3)).map { _ in
                        HistogramDataPoint(
                            attributes: attributes(),
                            startTimeUnixNano: u64(),
                            timeUnixNano: u64(),
                            count: u64(),
                            sum: optionalDouble(),
                            bucketCounts: counts(),
                            explicitBounds: (0..<count(0...5)).map { _ in double() },
                            exemplars: exemplars(),
                            flags: DataPointFlags(rawValue: u32()),
                            min: optionalDouble(),
                            max: optionalDouble()
                        )
                    },
                    aggregationTemporality: temporality()
                )
            )
        case 3:
            return .exponentialHistogram(
                .init(
                    dataPoints: (0..<count(0...3)).map { _ in
                        ExponentialHistogramDataPoint(
                            attributes: attributes(),
                            startTimeUnixNano: u64(),
                            timeUnixNano: u64(),
                            count: u64(),
                            sum: optionalDouble(),
                            scale: i32(),
                            zeroCount: u64(),
                            positive: .init(offset: i32(), bucketCounts: counts()),
                            negative: .init(offset: i32(), bucketCounts: counts()),
                            flags: DataPointFlags(rawValue: u32()),
                            exemplars: exemplars(),
                            min: optionalDouble(),
                            max: optionalDouble(),
                            zeroThreshold: double()
                        )
                    },
                    aggregationTemporality: temporality()
                )
            )
        default:
            return .summary(
                (0..<count(0...3)).map { _ in
                    SummaryDataPoint(
                        attributes: attributes(),
                        startTimeUnixNano: u64(),
                        timeUnixNano: u64(),
                        count: u64(),
                        sum: double(),
                        quantileValues: (0..<count(0...3)).map { _ in .init(quantile: double(), value: double()) },
                        flags: DataPointFlags(rawValue: u32())
                    )
                }
            )
        }
    }

    mutating func metrics() -> MetricsData {
        MetricsData(
            resourceMetrics: (0..<count(0...3)).map { _ in
                ResourceMetrics(
                    resource: resource(),
                    scopeMetrics: (0..<count(0...3)).map { _ in
                        ScopeMetrics(
                            scope: scope(),
                            metrics: (0..<count(0...4)).map { _ in
                                Metric(name: string(), description: string(), unit: string(), data: metricData(), metadata: attributes())
                            },
                            schemaURL: string()
                        )
                    },
                    schemaURL: string()
                )
            }
        )
    }

    mutating func logs() -> LogsData {
        LogsData(
            resourceLogs: (0..<count(0...3)).map { _ in
                ResourceLogs(
                    resource: resource(),
                    scopeLogs: (0..<count(0...3)).map { _ in
                        ScopeLogs(
                            scope: scope(),
                            logRecords: (0..<count(0...4)).map { _ in
                                LogRecord(
                                    timeUnixNano: u64(),
                                    observedTimeUnixNano: u64(),
                                    severityNumber: SeverityNumber.allCases[count(0...SeverityNumber.allCases.count - 1)],
                                    severityText: string(),
                                    body: chance(0.8) ? value() : nil,
                                    attributes: attributes(),
                                    droppedAttributesCount: u32(),
                                    flags: u32(),
                                    traceID: chance(0.6) ? traceID() : nil,
                                    spanID: chance(0.6) ? spanID() : nil,
                                    eventName: string()
                                )
                            },
                            schemaURL: string()
                        )
                    },
                    schemaURL: string()
                )
            }
        )
    }
}
