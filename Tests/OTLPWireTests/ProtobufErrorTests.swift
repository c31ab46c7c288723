import Foundation
import TelemetryModel
import Testing

@testable import OTLPWire

/// Malformed protobuf export requests: truncated and corrupted captures of a real client, and
/// requests built with the generated types that are well-formed protobuf but break OTLP's rules.
/// Every failure must be an `OTLPDecodingError` whose path names the field, as in OTLP/JSON.
@Suite("Protobuf decoding errors")
struct ProtobufErrorTests {
    // MARK: - The three signals, decoded and re-encoded uniformly

    struct Signal: Sendable, CustomTestStringConvertible {
        var fixture: String
        /// The JSON name of the request's one repeated field.
        var root: String
        /// Decodes, then re-encodes, so results can be compared as bytes (NaN included).
        var roundTrip: @Sendable (Data) throws(OTLPDecodingError) -> Data
        var testDescription: String { fixture }

        func outcome(_ bytes: Data) -> Result<Data, OTLPDecodingError> {
            do {
                return .success(try roundTrip(bytes))
            } catch {
                return .failure(error)
            }
        }
    }

    static let traces = Signal(fixture: "otlp/python-sdk/traces.pb", root: "resourceSpans") { bytes throws(OTLPDecodingError) in
        OTLPProtobuf.encode(try OTLPProtobuf.decodeTraces(bytes))
    }
    static let metrics = Signal(fixture: "otlp/python-sdk/metrics.pb", root: "resourceMetrics") { bytes throws(OTLPDecodingError) in
        OTLPProtobuf.encode(try OTLPProtobuf.decodeMetrics(bytes))
    }
    static let logs = Signal(fixture: "otlp/python-sdk/logs.pb", root: "resourceLogs") { bytes throws(OTLPDecodingError) in
        OTLPProtobuf.encode(try OTLPProtobuf.decodeLogs(bytes))
    }
    static let signals = [traces, metrics, logs]

    /// Whether `path` is `prefix` or a field inside it (`spans[1]` does not contain `spans[10]`).
    static func path(_ path: String, isWithin prefix: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + ".") || path.hasPrefix(prefix + "[")
    }

    /// Reasons that only the JSON decoder can produce.
    static func isJSONOnly(_ reason: OTLPDecodingError.Reason) -> Bool {
        switch reason {
        case .invalidJSON, .typeMismatch, .invalidHexID, .base64ID, .enumName, .snakeCaseKey, .invalidNumber,
            .invalidBase64, .multipleOneOfMembers:
            true
        default:
            false
        }
    }

    // MARK: - Truncation

    @Test("every truncation fails with a protobuf error inside the request's one top-level field", arguments: signals)
    func everyTruncation(signal: Signal) throws {
        let whole = try Fixtures.data(signal.fixture)
        #expect(signal.outcome(Data()) == .success(Data()), "the empty prefix is an empty request")
        #expect(signal.outcome(whole) == .success(whole))
        for length in 1..<whole.count {
            guard case .failure(let error) = signal.outcome(whole.prefix(length)) else {
                Issue.record("cut at \(length) of \(whole.count) decoded")
                continue
            }
            guard case .invalidProtobuf = error.reason else {
                Issue.record("cut at \(length): \(error)")
                continue
            }
            #expect(Self.path(error.path, isWithin: "\(signal.root)[0]"), "cut at \(length): \(error)")
        }
    }

    /// Where the protobuf encoding of `element` lies in `whole`; it must occur exactly once.
    static func range(of element: Data, in whole: Data) throws -> Range<Int> {
        let range = try #require(whole.firstRange(of: element))
        try #require(whole.lastRange(of: element) == range, "the element's bytes occur more than once")
        return range
    }

    @Test("a cut inside a span, a metric or a log record names that element, at every byte")
    func truncationInsideElements() throws {
        let traces = try Fixtures.data(Self.traces.fixture)
        for (index, span) in try OTLPProtobuf.decodeTraces(traces).spans.enumerated() {
            try Self.expectCuts(
                in: OTLPProtobuf.serialize(span.wire),
                of: traces,
                signal: Self.traces,
                name: "resourceSpans[0].scopeSpans[0].spans[\(index)]"
            )
        }
        let metrics = try Fixtures.data(Self.metrics.fixture)
        for (index, metric) in try OTLPProtobuf.decodeMetrics(metrics).metrics.enumerated() {
            try Self.expectCuts(
                in: OTLPProtobuf.serialize(metric.wire),
                of: metrics,
                signal: Self.metrics,
                name: "resourceMetrics[0].scopeMetrics[0].metrics[\(index)]"
            )
        }
        let logs = try Fixtures.data(Self.logs.fixture)
        for (index, record) in try OTLPProtobuf.decodeLogs(logs).logRecords.enumerated() {
            try Self.expectCuts(
                in: OTLPProtobuf.serialize(record.wire),
                of: logs,
                signal: Self.logs,
                name: "resourceLogs[0].scopeLogs[0].logRecords[\(index)]"
            )
        }
    }

    /// Cuts `whole` at every byte of `element`'s body and expects the error inside `name`.
    static func expectCuts(in element: Data, of whole: Data, signal: Signal, name: String) throws {
        let body = try range(of: element, in: whole)
        var misplaced: [String] = []
        for length in body {
            switch signal.outcome(whole.prefix(length)) {
            case .success: misplaced.append("cut at \(length) decoded")
            case .failure(let error) where !path(error.path, isWithin: name): misplaced.append("cut at \(length): \(error)")
            case .failure: break
            }
        }
        #expect(
            misplaced.isEmpty,
            "\(misplaced.count) of \(body.count) cuts inside \(name) (bytes \(body)) are not reported there, for example \(misplaced.prefix(3))"
        )
    }

    @Test(
        "a cut in the middle of a string names that string's field",
        arguments: [
            (traces, "POST /v1/pipeline", "resourceSpans[0].scopeSpans[0].spans[3].name"),
            (metrics, "pipeline.payload.size", "resourceMetrics[0].scopeMetrics[0].metrics[3].name"),
            (logs, "pipeline.stage.retry", "resourceLogs[0].scopeLogs[0].logRecords[1].eventName"),
        ]
    )
    func truncationInsideString(signal: Signal, text: String, path: String) throws {
        let whole = try Fixtures.data(signal.fixture)
        let string = try Self.range(of: Data(text.utf8), in: whole)
        let cut = string.lowerBound + 5
        guard case .failure(let error) = signal.outcome(whole.prefix(cut)) else {
            Issue.record("a cut at \(cut) decoded")
            return
        }
        #expect(error.path == path, "\(error)")
        guard case .invalidProtobuf = error.reason else {
            Issue.record("expected .invalidProtobuf, found \(error.reason)")
            return
        }
    }

    // MARK: - Corruption

    @Test("random byte corruption never crashes: typed, located errors, or data that re-encodes stably", arguments: signals)
    func randomCorruption(signal: Signal) throws {
        let original = [UInt8](try Fixtures.data(signal.fixture))
        var generator = SplitMix64(seed: 0x07E1_2026)
        var failures = 0
        var unlocated: [String] = []
        // The top-level field's tag and length; damage there has no field to name.
        let header = 1 + (original.dropFirst().firstIndex { $0 & 0x80 == 0 } ?? 0)
        for mutation in 0..<2_000 {
            var bytes = original
            var positions: [Int] = []
            for _ in 0...Int.random(in: 0..<3, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[position] ^= UInt8.random(in: 1...255, using: &generator)
                positions.append(position)
            }
            switch signal.outcome(Data(bytes)) {
            case .success(let encoded):
                // What decodes must re-encode to bytes that decode to the same bytes again.
                #expect(signal.outcome(encoded) == .success(encoded), "mutation \(mutation)")
            case .failure(let error):
                failures += 1
                #expect(!Self.isJSONOnly(error.reason), "mutation \(mutation): \(error)")
                if error.path.isEmpty, positions.allSatisfy({ $0 >= header }) {
                    unlocated.append("mutation \(mutation) at \(positions.sorted()): \(error)")
                }
            }
        }
        // Guards against a generator that stops corrupting anything.
        #expect(failures > 500)
        #expect(unlocated.isEmpty, "\(unlocated.count) of \(failures) errors have no path, for example \(unlocated.prefix(3))")
    }

    // MARK: - Well-formed protobuf that breaks OTLP's rules

    static let traceID = Data(repeating: 0xAB, count: 16)
    static let spanID = Data(repeating: 0xCD, count: 8)

    static func tracesRequest(_ change: (inout PBSpan) -> Void) -> Data {
        var span = PBSpan()
        span.traceID = traceID
        span.spanID = spanID
        span.name = "span"
        span.kind = .server
        var link = PBSpan.Link()
        link.traceID = traceID
        link.spanID = spanID
        span.links = [link]
        var attribute = PBKeyValue()
        attribute.key = "key"
        attribute.value.stringValue = "value"
        span.attributes = [attribute]
        change(&span)
        var scope = PBScopeSpans()
        scope.spans = [span]
        var group = PBResourceSpans()
        group.scopeSpans = [scope]
        var request = PBTracesRequest()
        request.resourceSpans = [group]
        return OTLPProtobuf.serialize(request)
    }

    static func logsRequest(_ change: (inout PBLogRecord) -> Void) -> Data {
        var record = PBLogRecord()
        record.traceID = traceID
        record.spanID = spanID
        record.severityNumber = .warn
        record.body.stringValue = "body"
        change(&record)
        var scope = PBScopeLogs()
        scope.logRecords = [record]
        var group = PBResourceLogs()
        group.scopeLogs = [scope]
        var request = PBLogsRequest()
        request.resourceLogs = [group]
        return OTLPProtobuf.serialize(request)
    }

    /// A monotonic sum with one point and one exemplar, changed by `change`.
    static func metricsRequest(_ change: (inout PBMetric) -> Void) -> Data {
        var exemplar = PBExemplar()
        exemplar.traceID = traceID
        exemplar.spanID = spanID
        exemplar.asInt = 1
        var point = PBNumberDataPoint()
        point.asInt = 3
        point.exemplars = [exemplar]
        var metric = PBMetric()
        metric.name = "requests"
        metric.sum.aggregationTemporality = .cumulative
        metric.sum.isMonotonic = true
        metric.sum.dataPoints = [point]
        change(&metric)
        var scope = PBScopeMetrics()
        scope.metrics = [metric]
        var group = PBResourceMetrics()
        group.scopeMetrics = [scope]
        var request = PBMetricsRequest()
        request.resourceMetrics = [group]
        return OTLPProtobuf.serialize(request)
    }

    static func error(_ body: () throws(OTLPDecodingError) -> Void) -> OTLPDecodingError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("the unchanged requests decode, so each failure below is caused by its one change")
    func baselines() throws {
        let span = try #require(try OTLPProtobuf.decodeTraces(Self.tracesRequest { _ in }).spans.first)
        #expect(span.traceID == TraceID(bytes: Self.traceID) && span.spanID == SpanID(bytes: Self.spanID))
        #expect(span.kind == .server && span.links.count == 1 && span.attributes == ["key": "value"])
        let record = try #require(try OTLPProtobuf.decodeLogs(Self.logsRequest { _ in }).logRecords.first)
        #expect(record.severityNumber == .warn && record.body == "body" && record.traceID != nil)
        let metric = try #require(try OTLPProtobuf.decodeMetrics(Self.metricsRequest { _ in }).metrics.first)
        guard case .sum(let sum) = metric.data else {
            Issue.record("not a sum")
            return
        }
        #expect(sum.aggregationTemporality == .cumulative)
        #expect(sum.dataPoints.first?.exemplars.first?.traceID == TraceID(bytes: Self.traceID))
    }

    static let span0 = "resourceSpans[0].scopeSpans[0].spans[0]"

    struct SpanCase: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var change: @Sendable (inout PBSpan) -> Void
        var expected: OTLPDecodingError
    }

    @Test(
        "ids of the wrong length and undefined enum values in a span",
        arguments: [
            SpanCase(
                testDescription: "15-byte trace id",
                change: { $0.traceID = Data(repeating: 1, count: 15) },
                expected: .init(path: span0 + ".traceId", reason: .wrongIDLength(expectedBytes: 16, foundBytes: 15))
            ),
            SpanCase(
                testDescription: "missing trace id",
                change: { $0.traceID = Data() },
                expected: .init(path: span0 + ".traceId", reason: .wrongIDLength(expectedBytes: 16, foundBytes: 0))
            ),
            SpanCase(
                testDescription: "9-byte span id",
                change: { $0.spanID = Data(repeating: 1, count: 9) },
                expected: .init(path: span0 + ".spanId", reason: .wrongIDLength(expectedBytes: 8, foundBytes: 9))
            ),
            SpanCase(
                testDescription: "4-byte parent span id",
                change: { $0.parentSpanID = Data(repeating: 1, count: 4) },
                expected: .init(path: span0 + ".parentSpanId", reason: .wrongIDLength(expectedBytes: 8, foundBytes: 4))
            ),
            SpanCase(
                testDescription: "17-byte link trace id",
                change: { $0.links[0].traceID = Data(repeating: 1, count: 17) },
                expected: .init(path: span0 + ".links[0].traceId", reason: .wrongIDLength(expectedBytes: 16, foundBytes: 17))
            ),
            SpanCase(
                testDescription: "kind 9",
                change: { $0.kind = .UNRECOGNIZED(9) },
                expected: .init(path: span0 + ".kind", reason: .unknownEnumValue(enum: "SpanKind", value: 9))
            ),
            SpanCase(
                testDescription: "kind -1",
                change: { $0.kind = .UNRECOGNIZED(-1) },
                expected: .init(path: span0 + ".kind", reason: .unknownEnumValue(enum: "SpanKind", value: -1))
            ),
            SpanCase(
                testDescription: "status code 3",
                change: { $0.status.code = .UNRECOGNIZED(3) },
                expected: .init(path: span0 + ".status.code", reason: .unknownEnumValue(enum: "StatusCode", value: 3))
            ),
            SpanCase(
                testDescription: "string table index in an attribute",
                change: { $0.attributes[0].value.stringValueStrindex = 2 },
                expected: .init(
                    path: span0 + ".attributes[0].value.stringValueStrindex",
                    reason: .unsupportedField(
                        name: "stringValueStrindex",
                        why: "string tables exist only in the profiles signal"
                    )
                )
            ),
        ]
    )
    func spanRules(testCase: SpanCase) {
        let bytes = Self.tracesRequest(testCase.change)
        #expect(Self.error { () throws(OTLPDecodingError) in _ = try OTLPProtobuf.decodeTraces(bytes) } == testCase.expected)
    }

    @Test("log records: severityNumber 25 and ids of the wrong length")
    func logRules() throws {
        let record = "resourceLogs[0].scopeLogs[0].logRecords[0]"
        let cases: [(change: (inout PBLogRecord) -> Void, expected: OTLPDecodingError)] = [
            (
                { $0.severityNumber = .UNRECOGNIZED(25) },
                .init(path: record + ".severityNumber", reason: .unknownEnumValue(enum: "SeverityNumber", value: 25))
            ),
            (
                { $0.traceID = Data(repeating: 1, count: 8) },
                .init(path: record + ".traceId", reason: .wrongIDLength(expectedBytes: 16, foundBytes: 8))
            ),
            (
                { $0.spanID = Data(repeating: 1, count: 16) },
                .init(path: record + ".spanId", reason: .wrongIDLength(expectedBytes: 8, foundBytes: 16))
            ),
        ]
        for (change, expected) in cases {
            let bytes = Self.logsRequest(change)
            #expect(Self.error { () throws(OTLPDecodingError) in _ = try OTLPProtobuf.decodeLogs(bytes) } == expected)
        }
        let absent = Self.logsRequest {
            $0.traceID = Data()
            $0.spanID = Data()
        }
        #expect(
            try OTLPProtobuf.decodeLogs(absent).logRecords.map { [$0.traceID == nil, $0.spanID == nil] } == [[true, true]],
            "empty ids on a log record mean absent"
        )
    }

    @Test("metrics: undefined aggregationTemporality, no data, and exemplar ids of the wrong length")
    func metricRules() {
        let metric = "resourceMetrics[0].scopeMetrics[0].metrics[0]"
        let cases: [(change: (inout PBMetric) -> Void, expected: OTLPDecodingError)] = [
            (
                { $0.sum.aggregationTemporality = .UNRECOGNIZED(3) },
                .init(path: metric + ".sum.aggregationTemporality", reason: .unknownEnumValue(enum: "AggregationTemporality", value: 3))
            ),
            (
                { $0.histogram.aggregationTemporality = .UNRECOGNIZED(3) },
                .init(
                    path: metric + ".histogram.aggregationTemporality",
                    reason: .unknownEnumValue(enum: "AggregationTemporality", value: 3)
                )
            ),
            (
                { $0.exponentialHistogram.aggregationTemporality = .UNRECOGNIZED(-7) },
                .init(
                    path: metric + ".exponentialHistogram.aggregationTemporality",
                    reason: .unknownEnumValue(enum: "AggregationTemporality", value: -7)
                )
            ),
            (
                { $0.data = nil },
                .init(path: metric, reason: .missingField(name: "gauge|sum|histogram|exponentialHistogram|summary"))
            ),
            (
                { $0.sum.dataPoints[0].exemplars[0].traceID = Data(repeating: 1, count: 3) },
                .init(path: metric + ".sum.dataPoints[0].exemplars[0].traceId", reason: .wrongIDLength(expectedBytes: 16, foundBytes: 3))
            ),
            (
                { $0.sum.dataPoints[0].exemplars[0].spanID = Data(repeating: 1, count: 7) },
                .init(path: metric + ".sum.dataPoints[0].exemplars[0].spanId", reason: .wrongIDLength(expectedBytes: 8, foundBytes: 7))
            ),
        ]
        for (change, expected) in cases {
            let bytes = Self.metricsRequest(change)
            #expect(Self.error { () throws(OTLPDecodingError) in _ = try OTLPProtobuf.decodeMetrics(bytes) } == expected)
        }
    }

    @Test("a malformed varint inside a packed repeated field names that field")
    func malformedPackedField() throws {
        var point = PBExponentialHistogramDataPoint()
        point.count = 1
        point.negative.bucketCounts = [5]
        let valid = Self.metricsRequest {
            $0.exponentialHistogram.aggregationTemporality = .delta
            $0.exponentialHistogram.dataPoints = [point]
        }
        _ = try OTLPProtobuf.decodeMetrics(valid)
        // `negative` is `bucket_counts` (field 2, packed) holding the one-byte varint 5. Setting its
        // continuation bit leaves the varint unfinished at the end of the packed bytes.
        let corrupted = try Self.replacing(
            OTLPProtobuf.serialize(point.negative),
            with: [0x12, 0x01, 0x85],
            in: valid
        )
        let error = try #require(Self.error { () throws(OTLPDecodingError) in _ = try OTLPProtobuf.decodeMetrics(corrupted) })
        let field = "resourceMetrics[0].scopeMetrics[0].metrics[0].exponentialHistogram.dataPoints[0].negative.bucketCounts"
        #expect(Self.path(error.path, isWithin: field), "\(error)")
        guard case .invalidProtobuf = error.reason else {
            Issue.record("expected .invalidProtobuf, found \(error.reason)")
            return
        }
    }

    // MARK: - Invalid UTF-8

    /// Replaces the one occurrence of `marker` (same length as `bytes`) with `bytes`.
    static func replacing(_ marker: String, with bytes: [UInt8], in data: Data) throws -> Data {
        try replacing(Data(marker.utf8), with: bytes, in: data)
    }

    static func replacing(_ marker: Data, with bytes: [UInt8], in data: Data) throws -> Data {
        try #require(marker.count == bytes.count)
        let range = try range(of: marker, in: data)
        var result = data
        result.replaceSubrange(range, with: bytes)
        return result
    }

    static let notUTF8: [UInt8] = [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80]

    @Test(
        "a string field that is not UTF-8 is reported as .invalidUTF8 at that field",
        arguments: [
            ("resourceSpans[0].scopeSpans[0].spans[0].name", "name~"),
            ("resourceSpans[0].scopeSpans[0].spans[0].attributes[0].key", "key~~~"),
            ("resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.stringValue", "value~"),
            ("resourceSpans[0].scopeSpans[0].spans[0].traceState", "state~"),
            ("resourceSpans[0].scopeSpans[0].spans[0].events[0].name", "event~"),
            ("resourceSpans[0].resource.attributes[0].value.arrayValue.values[1].stringValue", "array~"),
            ("resourceSpans[0].scopeSpans[0].scope.name", "scope~"),
        ]
    )
    func invalidUTF8InTraces(path: String, marker: String) throws {
        var span = PBSpan()
        span.traceID = Self.traceID
        span.spanID = Self.spanID
        span.name = "name~"
        span.traceState = "state~"
        var attribute = PBKeyValue()
        attribute.key = "key~~~"
        attribute.value.stringValue = "value~"
        span.attributes = [attribute]
        var event = PBSpan.Event()
        event.name = "event~"
        span.events = [event]
        var first = PBAnyValue()
        first.stringValue = "first"
        var second = PBAnyValue()
        second.stringValue = "array~"
        var resourceAttribute = PBKeyValue()
        resourceAttribute.key = "list"
        resourceAttribute.value.arrayValue.values = [first, second]
        var scope = PBScopeSpans()
        scope.scope.name = "scope~"
        scope.spans = [span]
        var group = PBResourceSpans()
        group.resource.attributes = [resourceAttribute]
        group.scopeSpans = [scope]
        var request = PBTracesRequest()
        request.resourceSpans = [group]
        let valid = OTLPProtobuf.serialize(request)
        _ = try OTLPProtobuf.decodeTraces(valid)

        let corrupted = try Self.replacing(marker, with: Array(Self.notUTF8.prefix(marker.utf8.count)), in: valid)
        #expect(
            Self.error { () throws(OTLPDecodingError) in _ = try OTLPProtobuf.decodeTraces(corrupted) }
                == OTLPDecodingError(path: path, reason: .invalidUTF8)
        )
    }

    @Test("invalid UTF-8 in a log body and a metric name")
    func invalidUTF8InLogsAndMetrics() throws {
        let logs = try Self.replacing("body", with: [0x62, 0xFF, 0x64, 0x79], in: Self.logsRequest { _ in })
        #expect(
            Self.error { () throws(OTLPDecodingError) in _ = try OTLPProtobuf.decodeLogs(logs) }
                == OTLPDecodingError(path: "resourceLogs[0].scopeLogs[0].logRecords[0].body.stringValue", reason: .invalidUTF8)
        )
        let metrics = try Self.replacing("requests", with: Array("reque".utf8) + [0xE2, 0x82, 0x28], in: Self.metricsRequest { _ in })
        #expect(
            Self.error { () throws(OTLPDecodingError) in _ = try OTLPProtobuf.decodeMetrics(metrics) }
                == OTLPDecodingError(path: "resourceMetrics[0].scopeMetrics[0].metrics[0].name", reason: .invalidUTF8)
        )
    }

    // MARK: - Nesting

    static func tracesWithAttribute(_ value: AttributeValue) -> TracesData {
        TracesData(resourceSpans: [
            ResourceSpans(scopeSpans: [
                ScopeSpans(spans: [
                    Span(
                        traceID: TraceID(bytes: traceID)!,
                        spanID: SpanID(bytes: spanID)!,
                        name: "deep",
                        kind: .unspecified,
                        attributes: ["deep": value]
                    )
                ])
            ])
        ])
    }

    /// A value `levels` deep: `levels - 1` arrays (or key-value lists) around a string.
    static func nested(levels: Int, lists: Bool = false) -> AttributeValue {
        var value: AttributeValue = "leaf"
        for _ in 1..<levels { value = lists ? .keyValueList(["k": value]) : [value] }
        return value
    }

    @Test("attribute values 64 levels deep, the model's limit, survive a protobuf round trip", arguments: [false, true])
    func deepestAcceptedNesting(lists: Bool) throws {
        let traces = Self.tracesWithAttribute(Self.nested(levels: 64, lists: lists))
        #expect(try OTLPProtobuf.decodeTraces(OTLPProtobuf.encode(traces)) == traces)
    }

    @Test("65 levels fail with the same error as in OTLP/JSON")
    func tooDeepNesting() throws {
        let traces = Self.tracesWithAttribute(Self.nested(levels: 65))
        let path =
            "resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value"
            + String(repeating: ".arrayValue.values[0]", count: 64)
        let expected = OTLPDecodingError(path: path, reason: .nestingTooDeep(limit: 64))
        #expect(Self.error { () throws(OTLPDecodingError) in _ = try OTLPProtobuf.decodeTraces(OTLPProtobuf.encode(traces)) } == expected)
        let json = try Fixtures.data("otlp/json-edge-cases/deep-arrayvalue-65-levels.json")
        #expect(Self.error { () throws(OTLPDecodingError) in _ = try OTLPJSONDecoder().decodeTraces(json) } == expected)
    }

    /// `body` as a length-delimited field `number`.
    static func field(_ number: UInt8, _ body: [UInt8]) -> [UInt8] {
        var header: [UInt8] = [number << 3 | 2]
        var length = body.count
        repeat {
            header.append(UInt8(length & 0x7F) | (length > 0x7F ? 0x80 : 0))
            length >>= 7
        } while length > 0
        return header + body
    }

    @Test("an attribute value nested 2,000 levels deep is rejected as too deep, inside that value")
    func hostileNesting() throws {
        var value = Self.field(1, Array("leaf".utf8))  // AnyValue { string_value }
        for _ in 1..<2_000 {
            value = Self.field(5, Self.field(1, value))  // AnyValue { array_value { values } }
        }
        let span =
            Self.field(1, Array(Self.traceID)) + Self.field(2, Array(Self.spanID))
            + Self.field(9, Self.field(1, Array("k".utf8)) + Self.field(2, value))
        let request = Self.field(1, Self.field(2, Self.field(2, span)))
        let error = try #require(Self.error { () throws(OTLPDecodingError) in _ = try OTLPProtobuf.decodeTraces(Data(request)) })
        #expect(Self.path(error.path, isWithin: "resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value"), "\(error)")
        guard case .nestingTooDeep = error.reason else {
            Issue.record("expected .nestingTooDeep, found \(error)")
            return
        }
    }
}
