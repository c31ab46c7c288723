import Foundation
import OTLPWire
import TelemetryModel
import Testing

/// The hand-written OTLP/JSON corpus in `Fixtures/otlp/json-edge-cases` (one edge case per file,
/// described in its `README.md`), and malformed JSON that must fail with a typed error.
@Suite("OTLP/JSON edge cases")
struct JSONEdgeCaseTests {
    static let folder = "otlp/json-edge-cases"
    static let traceID = TraceID(hex: "0af7651916cd43dd8448eb211c80319c")!
    static let spanID = SpanID(hex: "b7ad6b7169203331")!

    // MARK: - Outcome of every corpus file, in both modes

    enum Signal: Sendable { case traces, metrics, logs }

    /// What decoding a corpus file must give: the value with exactly these deviations, or this error.
    enum Outcome: Sendable, Equatable, CustomStringConvertible {
        case decodes(deviations: [OTLPDecodingError])
        case fails(OTLPDecodingError)

        static let decodes = Outcome.decodes(deviations: [])

        var description: String {
            switch self {
            case .decodes(let deviations): "decodes with deviations \(deviations)"
            case .fails(let error): "fails: \(error)"
            }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var signal: Signal
        var strict: Outcome
        var lenient: Outcome
        var testDescription: String { file }

        /// The same outcome in both modes.
        init(_ file: String, _ signal: Signal, _ both: Outcome) {
            self.init(file, signal, strict: both, lenient: both)
        }

        init(_ file: String, _ signal: Signal, strict: Outcome, lenient: Outcome) {
            self.file = file
            self.signal = signal
            self.strict = strict
            self.lenient = lenient
        }
    }

    static let span0 = "resourceSpans[0].scopeSpans[0].spans[0]"
    static let span1 = "resourceSpans[0].scopeSpans[0].spans[1]"
    static let metrics0 = "resourceMetrics[0].scopeMetrics[0].metrics"
    static let logs0 = "resourceLogs[0].scopeLogs[0].logRecords"
    static let deepPath = span0 + ".attributes[0].value" + String(repeating: ".arrayValue.values[0]", count: 64)

    static func error(_ path: String, _ reason: OTLPDecodingError.Reason) -> OTLPDecodingError {
        OTLPDecodingError(path: path, reason: reason)
    }

    /// Every file of the corpus and what it must decode to. `corpusIsCovered` keeps it complete.
    static let cases: [Case] = [
        Case("uppercase-hex-ids.json", .traces, .decodes),
        Case("int64-numbers-and-strings.json", .traces, .decodes),
        Case("unknown-fields.json", .traces, .decodes),
        Case("null-values.json", .traces, .decodes),
        Case("unicode-escapes.json", .traces, .decodes),
        Case("empty-request.json", .traces, .decodes),
        Case("deep-arrayvalue-64-levels.json", .traces, .decodes),
        Case(
            "base64-ids.json",
            .traces,
            strict: .fails(error(span0 + ".traceId", .base64ID(text: "J4p1CdrWLScHUid0MyFyEA=="))),
            lenient: .decodes(deviations: [
                error(span0 + ".traceId", .base64ID(text: "J4p1CdrWLScHUid0MyFyEA==")),
                error(span0 + ".spanId", .base64ID(text: "APBnqgupArc=")),
                error(span1 + ".traceId", .base64ID(text: "J4p1CdrWLScHUid0MyFyEA==")),
                error(span1 + ".spanId", .base64ID(text: "t61rcWkgMzE=")),
                error(span1 + ".parentSpanId", .base64ID(text: "APBnqgupArc=")),
            ])
        ),
        Case(
            "snake-case-keys.json",
            .traces,
            strict: .fails(error("resource_spans", .snakeCaseKey(key: "resource_spans", expected: "resourceSpans"))),
            lenient: .decodes(deviations: [
                error("resource_spans", .snakeCaseKey(key: "resource_spans", expected: "resourceSpans")),
                error("resourceSpans[0].scope_spans", .snakeCaseKey(key: "scope_spans", expected: "scopeSpans")),
                error(span0 + ".trace_id", .snakeCaseKey(key: "trace_id", expected: "traceId")),
                error(span0 + ".span_id", .snakeCaseKey(key: "span_id", expected: "spanId")),
                error(
                    span0 + ".start_time_unix_nano",
                    .snakeCaseKey(key: "start_time_unix_nano", expected: "startTimeUnixNano")
                ),
            ])
        ),
        Case(
            "enum-names.json",
            .traces,
            strict: .fails(error(span0 + ".kind", .enumName(enum: "SpanKind", name: "SPAN_KIND_SERVER"))),
            lenient: .decodes(deviations: [
                error(span0 + ".kind", .enumName(enum: "SpanKind", name: "SPAN_KIND_SERVER")),
                error(span0 + ".status.code", .enumName(enum: "StatusCode", name: "STATUS_CODE_ERROR")),
            ])
        ),
        Case(
            "unknown-span-kind.json",
            .traces,
            .fails(error(span1 + ".kind", .unknownEnumValue(enum: "SpanKind", value: 9)))
        ),
        Case(
            "wrong-length-trace-id.json",
            .traces,
            .fails(error("resourceSpans[0].scopeSpans[0].spans[3].traceId", .wrongIDLength(expectedBytes: 16, foundBytes: 15)))
        ),
        Case(
            "odd-length-span-id.json",
            .traces,
            .fails(error(span0 + ".spanId", .invalidHexID(text: "b7ad6b716920333")))
        ),
        Case(
            "non-hex-trace-id.json",
            .traces,
            .fails(error(span0 + ".traceId", .invalidHexID(text: "0af7651916cd43dd8448eb211c80319g")))
        ),
        Case(
            "missing-trace-id.json",
            .traces,
            .fails(error(span1 + ".traceId", .wrongIDLength(expectedBytes: 16, foundBytes: 0)))
        ),
        Case(
            "anyvalue-two-members.json",
            .traces,
            .fails(error(span0 + ".attributes[1].value", .multipleOneOfMembers(names: ["stringValue", "intValue"])))
        ),
        Case("deep-arrayvalue-65-levels.json", .traces, .fails(error(deepPath, .nestingTooDeep(limit: 64)))),
        Case(
            "profiles-strindex.json",
            .traces,
            .fails(
                error(
                    span0 + ".attributes[0].value.stringValueStrindex",
                    .unsupportedField(
                        name: "stringValueStrindex",
                        why: "string tables exist only in the profiles signal"
                    )
                )
            )
        ),
        Case("nonfinite-doubles.json", .metrics, .decodes),
        Case("int64-metric-points.json", .metrics, .decodes),
        Case("exemplar-empty-ids.json", .metrics, .decodes),
        Case(
            "metric-two-data-kinds.json",
            .metrics,
            .fails(error(metrics0 + "[0]", .multipleOneOfMembers(names: ["gauge", "sum"])))
        ),
        Case(
            "metric-no-data.json",
            .metrics,
            .fails(error(metrics0 + "[1]", .missingField(name: "gauge|sum|histogram|exponentialHistogram|summary")))
        ),
        Case(
            "unknown-aggregation-temporality.json",
            .metrics,
            .fails(
                error(
                    metrics0 + "[0].sum.aggregationTemporality",
                    .unknownEnumValue(enum: "AggregationTemporality", value: 3)
                )
            )
        ),
        Case(
            "temporality-by-name.json",
            .metrics,
            strict: .fails(
                error(
                    metrics0 + "[0].histogram.aggregationTemporality",
                    .enumName(enum: "AggregationTemporality", name: "AGGREGATION_TEMPORALITY_DELTA")
                )
            ),
            lenient: .decodes(deviations: [
                error(
                    metrics0 + "[0].histogram.aggregationTemporality",
                    .enumName(enum: "AggregationTemporality", name: "AGGREGATION_TEMPORALITY_DELTA")
                )
            ])
        ),
        Case("log-empty-ids.json", .logs, .decodes),
        Case(
            "unknown-severity-number.json",
            .logs,
            .fails(error(logs0 + "[1].severityNumber", .unknownEnumValue(enum: "SeverityNumber", value: 25)))
        ),
        Case(
            "severity-by-name.json",
            .logs,
            strict: .fails(error(logs0 + "[0].severityNumber", .enumName(enum: "SeverityNumber", name: "SEVERITY_NUMBER_WARN"))),
            lenient: .decodes(deviations: [
                error(logs0 + "[0].severityNumber", .enumName(enum: "SeverityNumber", name: "SEVERITY_NUMBER_WARN")),
                error(logs0 + "[1].severityNumber", .enumName(enum: "SeverityNumber", name: "SEVERITY_NUMBER_ERROR3")),
                error(logs0 + "[2].severityNumber", .enumName(enum: "SeverityNumber", name: "SEVERITY_NUMBER_UNSPECIFIED")),
            ])
        ),
    ]

    static func outcome(of file: String, _ signal: Signal, _ mode: OTLPJSONDecoder.Mode) throws -> Outcome {
        let bytes = try Fixtures.data("\(folder)/\(file)")
        let decoder = OTLPJSONDecoder(mode: mode)
        do {
            switch signal {
            case .traces: return .decodes(deviations: try decoder.decodeTraces(bytes).deviations)
            case .metrics: return .decodes(deviations: try decoder.decodeMetrics(bytes).deviations)
            case .logs: return .decodes(deviations: try decoder.decodeLogs(bytes).deviations)
            }
        } catch {
            return .fails(error)
        }
    }

    @Test("each corpus file decodes, deviates or fails exactly as its README row says", arguments: cases)
    func outcome(_ testCase: Case) throws {
        let strict = try Self.outcome(of: testCase.file, testCase.signal, .strict)
        #expect(strict == testCase.strict)
        let lenient = try Self.outcome(of: testCase.file, testCase.signal, .lenient)
        #expect(lenient == testCase.lenient)
    }

    @Test("every corpus file has an expected outcome here and a row in the corpus README")
    func corpusIsCovered() throws {
        let files = try Fixtures.names(in: Self.folder).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(Self.cases.map(\.file)))
        #expect(Self.cases.count == Set(Self.cases.map(\.file)).count, "a file is listed twice")
        let readme = String(decoding: try Fixtures.data("\(Self.folder)/README.md"), as: UTF8.self)
        for file in files {
            #expect(readme.contains("| `\(file)` |"), "README.md has no row for \(file)")
        }
    }

    // MARK: - Decoded values

    static func traces(_ file: String, _ mode: OTLPJSONDecoder.Mode = .strict) throws -> TracesData {
        try OTLPJSONDecoder(mode: mode).decodeTraces(Fixtures.data("\(folder)/\(file)")).value
    }

    static func metrics(_ file: String) throws -> MetricsData {
        try OTLPJSONDecoder().decodeMetrics(Fixtures.data("\(folder)/\(file)")).value
    }

    static func logs(_ file: String, _ mode: OTLPJSONDecoder.Mode = .strict) throws -> LogsData {
        try OTLPJSONDecoder(mode: mode).decodeLogs(Fixtures.data("\(folder)/\(file)")).value
    }

    @Test("uppercase hex ids are accepted and printed and re-encoded in lowercase")
    func uppercaseHexIDs() throws {
        let traces = try Self.traces("uppercase-hex-ids.json")
        let span = try #require(traces.spans.first)
        #expect(span.traceID == TraceID(high: 0x5b8e_fff7_9803_8103, low: 0xd269_b633_813f_c60c))
        #expect(span.traceID.hex == "5b8efff798038103d269b633813fc60c")
        #expect("\(span.spanID)" == "eee19b7ec3c1b174")
        #expect(span.parentSpanID?.hex == "eee19b7ec3c1b173")
        #expect(span.links.map(\.traceID.hex) == ["4bf92f3577b34da6a3ce929d0e0e4736"])
        #expect(span.links.map(\.spanID.hex) == ["53995c3f42cd8ad8"])
        let json = String(decoding: OTLPJSONEncoder.encode(traces), as: UTF8.self)
        #expect(json.contains("\"5b8efff798038103d269b633813fc60c\""))
        #expect(json.contains("\"eee19b7ec3c1b174\""))
        #expect(!json.contains("5B8E") && !json.contains("EEE1"))
    }

    @Test("64-bit integers as JSON numbers and as strings keep their exact values")
    func int64Values() throws {
        let span = try #require(try Self.traces("int64-numbers-and-strings.json").spans.first)
        #expect(span.startTimeUnixNano == 1_767_225_600_000_000_001)
        #expect(span.endTimeUnixNano == 1_767_225_600_999_999_999)
        #expect(span.droppedAttributesCount == 3)
        #expect(span.droppedEventsCount == 4)
        #expect(
            span.attributes == [
                "number.above.2^53": 9_007_199_254_740_993,
                "string.above.2^53": 9_007_199_254_740_993,
                "number.max": .int(.max),
                "string.min": .int(.min),
                "number.negative": -42,
            ]
        )
        #expect(span.events.map(\.timeUnixNano) == [UInt64.max, UInt64.max - 1])

        let metrics = try Self.metrics("int64-metric-points.json").metrics
        guard case .sum(let sum) = metrics.first?.data else {
            Issue.record("requests is not a sum")
            return
        }
        #expect(sum.dataPoints.map(\.value) == [.int(9_007_199_254_740_993), .int(-9_007_199_254_740_993)])
        #expect(sum.dataPoints.map(\.startTimeUnixNano) == [1_767_225_600_000_000_001, 1_767_225_600_000_000_001])
        #expect(sum.dataPoints.map(\.timeUnixNano) == [1_767_225_601_000_000_001, 1_767_225_601_000_000_001])
        guard case .exponentialHistogram(let sizes) = metrics.last?.data else {
            Issue.record("sizes is no histogram")
            return
        }
        let point = try #require(sizes.dataPoints.first)
        #expect(point.count == .max)
        #expect(point.zeroCount == UInt64.max - 1)
        #expect(point.scale == -3)
        #expect(point.positive == .init(offset: -2, bucketCounts: [9_007_199_254_740_993, 9_007_199_254_740_995]))
    }

    @Test("unknown fields at every level, nested objects and arrays included, are ignored")
    func unknownFields() throws {
        let expected = TracesData(resourceSpans: [
            ResourceSpans(
                resource: Resource(attributes: ["service.name": "checkout"]),
                scopeSpans: [
                    ScopeSpans(
                        scope: InstrumentationScope(name: "edge"),
                        spans: [
                            Span(
                                traceID: Self.traceID,
                                spanID: Self.spanID,
                                name: "unknown fields everywhere",
                                kind: .client,
                                attributes: ["http.route": "/cart"],
                                events: [SpanEvent(name: "e")],
                                links: [
                                    SpanLink(
                                        traceID: TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!,
                                        spanID: SpanID(hex: "53995c3f42cd8ad8")!
                                    )
                                ],
                                status: .ok
                            )
                        ]
                    )
                ]
            )
        ])
        #expect(try Self.traces("unknown-fields.json") == expected)
    }

    @Test("null members decode as the field's default")
    func nullValues() throws {
        let expected = TracesData(resourceSpans: [
            ResourceSpans(scopeSpans: [
                ScopeSpans(spans: [
                    Span(
                        traceID: Self.traceID,
                        spanID: Self.spanID,
                        name: "",
                        kind: .unspecified,
                        attributes: Attributes([
                            Attribute(key: "null.value", value: .empty),
                            Attribute(key: "null.member", value: .empty),
                            Attribute(key: "", value: true),
                        ])
                    )
                ])
            ])
        ])
        #expect(try Self.traces("null-values.json") == expected)
    }

    @Test("lenient mode decodes swift-otel 1.6.0's base64 ids to the bytes they encode")
    func base64IDs() throws {
        let spans = try Self.traces("base64-ids.json", .lenient).spans
        let traceID = try #require(TraceID(hex: "278a7509dad62d270752277433217210"))
        #expect(spans.map(\.traceID) == [traceID, traceID])
        #expect(spans.map(\.spanID.hex) == ["00f067aa0ba902b7", "b7ad6b7169203331"])
        #expect(spans.map(\.parentSpanID?.hex) == [nil, "00f067aa0ba902b7"])
    }

    @Test("lenient mode reads snake_case keys as their lowerCamelCase fields")
    func snakeCaseKeys() throws {
        let traces = try Self.traces("snake-case-keys.json", .lenient)
        #expect(
            traces
                == TracesData(resourceSpans: [
                    ResourceSpans(scopeSpans: [
                        ScopeSpans(spans: [
                            Span(
                                traceID: Self.traceID,
                                spanID: Self.spanID,
                                name: "snake",
                                kind: .internal,
                                startTimeUnixNano: 1_767_225_600_000_000_000
                            )
                        ])
                    ])
                ])
        )
    }

    @Test("lenient mode maps enum names to their values")
    func enumNames() throws {
        let span = try #require(try Self.traces("enum-names.json", .lenient).spans.first)
        #expect(span.kind == .server)
        #expect(span.status == .error("boom"))
        let temporality = try OTLPJSONDecoder(mode: .lenient)
            .decodeMetrics(Fixtures.data("\(Self.folder)/temporality-by-name.json")).value.metrics.first?.data
        guard case .histogram(let histogram) = temporality else {
            Issue.record("not a histogram")
            return
        }
        #expect(histogram.aggregationTemporality == .delta)
        let records = try Self.logs("severity-by-name.json", .lenient).logRecords
        #expect(records.map(\.severityNumber) == [.warn, .error3, .unspecified])
    }

    @Test("NaN, Infinity and -Infinity as strings, and doubles written as integers or exponents")
    func nonFiniteDoubles() throws {
        let metrics = try Self.metrics("nonfinite-doubles.json").metrics
        guard case .gauge(let points) = metrics.first?.data else {
            Issue.record("not a gauge")
            return
        }
        let values = points.compactMap { $0.value?.doubleValue }
        #expect(values.count == 5)
        #expect(values.first?.isNaN == true)
        #expect(Array(values.dropFirst()) == [.infinity, -.infinity, 2.5, 1e-09])
        #expect(points.allSatisfy { if case .double = $0.value { true } else { false } })
        guard case .histogram(let histogram) = metrics.last?.data else {
            Issue.record("not a histogram")
            return
        }
        let point = try #require(histogram.dataPoints.first)
        #expect(point.sum == .infinity && point.min == -.infinity && point.max == .infinity)
        #expect(point.explicitBounds.count == 3)
        #expect(point.explicitBounds.first == -.infinity && point.explicitBounds[1] == 0 && point.explicitBounds[2].isNaN)
        #expect(point.bucketCounts == [1, 0, 0, 1])
    }

    @Test("non-finite doubles survive a JSON round trip")
    func nonFiniteRoundTrip() throws {
        let metrics = try Self.metrics("nonfinite-doubles.json")
        let again = try OTLPJSONDecoder().decodeMetrics(OTLPJSONEncoder.encode(metrics))
        #expect(again.deviations.isEmpty)
        guard case .gauge(let points) = again.value.metrics.first?.data else {
            Issue.record("not a gauge")
            return
        }
        let values = points.compactMap { $0.value?.doubleValue }
        #expect(values.first?.isNaN == true && Array(values.dropFirst()) == [.infinity, -.infinity, 2.5, 1e-09])
    }

    @Test("\\u escapes, surrogate pairs and raw UTF-8 decode to the same characters")
    func unicodeEscapes() throws {
        let span = try #require(try Self.traces("unicode-escapes.json").spans.first)
        #expect(span.name == "héllo ✓ 🚀 𝄞")
        #expect(span.attributes.keys == ["café", "raw utf-8"])
        #expect(span.attributes["café"] == "tab\there \"quoted\" back\\slash / nul\u{0}end")
        #expect(span.attributes["raw utf-8"] == "héllo ✓ 🚀")
    }

    @Test("a string of invalid UTF-8 without escapes is refused, naming the place")
    func invalidUTF8() {
        var body = Data(#"{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":""#.utf8)
        body += Data([0x61, 0xC3, 0x28, 0x62])  // 0xC3 0x28: a lead byte without its continuation
        body += Data(#""}]}]}]}"#.utf8)
        #expect {
            try OTLPJSONDecoder().decodeTraces(body)
        } throws: { error in
            (error as? OTLPDecodingError)?.description.contains("not valid UTF-8") == true
        }
    }

    @Test("an empty request `{}` is an empty request of every signal")
    func emptyRequest() throws {
        let bytes = try Fixtures.data("\(Self.folder)/empty-request.json")
        let decoder = OTLPJSONDecoder()
        #expect(try decoder.decodeTraces(bytes) == OTLPDecoded(value: TracesData()))
        #expect(try decoder.decodeMetrics(bytes) == OTLPDecoded(value: MetricsData()))
        #expect(try decoder.decodeLogs(bytes) == OTLPDecoded(value: LogsData()))
    }

    @Test("empty-string ids on exemplars and log records mean absent")
    func emptyStringIDs() throws {
        let metrics = try Self.metrics("exemplar-empty-ids.json").metrics
        guard case .sum(let sum) = metrics.first?.data else {
            Issue.record("not a sum")
            return
        }
        let exemplars = try #require(sum.dataPoints.first?.exemplars)
        #expect(
            exemplars == [
                Exemplar(timeUnixNano: 1_767_225_600_000_000_000, value: .int(1)),
                Exemplar(timeUnixNano: 1_767_225_600_000_000_001, value: .double(2.5), spanID: Self.spanID, traceID: Self.traceID),
            ]
        )
        let record = try #require(try Self.logs("log-empty-ids.json").logRecords.first)
        #expect(record.traceID == nil && record.spanID == nil)
        #expect(record.body == "outside any span" && record.severityNumber == .info)
    }

    /// A value nested `levels` deep: `levels - 1` arrays around a string.
    static func nested(levels: Int) -> AttributeValue {
        var value: AttributeValue = "leaf"
        for _ in 1..<levels { value = [value] }
        return value
    }

    static func tracesWithAttribute(_ value: AttributeValue) -> TracesData {
        TracesData(resourceSpans: [
            ResourceSpans(scopeSpans: [
                ScopeSpans(spans: [
                    Span(
                        traceID: traceID,
                        spanID: spanID,
                        name: "deep",
                        kind: .unspecified,
                        attributes: ["deep": value]
                    )
                ])
            ])
        ])
    }

    @Test("an attribute value 64 levels deep decodes to the nested value")
    func deepestAcceptedNesting() throws {
        #expect(try Self.traces("deep-arrayvalue-64-levels.json") == Self.tracesWithAttribute(Self.nested(levels: 64)))
    }

    @Test("key-value lists nested to the model's limit survive a JSON round trip with the default depth")
    func deepKeyValueListRoundTrip() throws {
        var value: AttributeValue = "leaf"
        for _ in 1..<64 { value = .keyValueList(["k": value]) }
        let traces = Self.tracesWithAttribute(value)
        let decoded = try OTLPJSONDecoder().decodeTraces(OTLPJSONEncoder.encode(traces))
        #expect(decoded == OTLPDecoded(value: traces))
    }

    // MARK: - Malformed JSON

    static func jsonError(_ text: String, maximumDepth: Int = OTLPJSONDecoder().maximumDepth) -> OTLPDecodingError? {
        jsonError(Data(text.utf8), maximumDepth: maximumDepth)
    }

    static func jsonError(_ bytes: Data, maximumDepth: Int = OTLPJSONDecoder().maximumDepth) -> OTLPDecodingError? {
        do {
            _ = try OTLPJSONDecoder(maximumDepth: maximumDepth).decodeTraces(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// The byte offset of an `.invalidJSON` error at the payload level, or `nil` for anything else.
    static func invalidJSONOffset(_ error: OTLPDecodingError?) -> Int? {
        guard let error, error.path.isEmpty, case .invalidJSON(_, let offset) = error.reason else { return nil }
        return offset
    }

    @Test("every truncation of a real request is invalid JSON at or just before the cut")
    func truncatedDocuments() throws {
        let whole = try Fixtures.data("otlp/python-sdk/traces.json")
        for length in 0..<whole.count {
            let error = Self.jsonError(whole.prefix(length))
            let offset = try #require(Self.invalidJSONOffset(error), "cut at \(length): \(String(describing: error))")
            // A literal (`true`, `false`, `null`) is reported where it starts; everything else at the end.
            #expect((length - 4)...length ~= offset, "cut at \(length): offset \(offset)")
        }
    }

    @Test(
        "invalid JSON is reported at the offending byte",
        arguments: [
            ("{} x", 3, "unexpected data after the top-level value"),
            ("{}}", 2, "unexpected data after the top-level value"),
            (#"{"resourceSpans": [}"#, 19, "unexpected character '}'"),
            (#"{"resourceSpans": [],}"#, 21, "expected a string key"),
            (#"{"resourceSpans" []}"#, 17, "expected ':'"),
            (#"{"resourceSpans": tru}"#, 18, "invalid literal, expected true"),
            (#"{"a": 01}"#, 7, "expected ',' or '}'"),
            (#"{"a": -}"#, 7, "invalid number"),
            (#"{"a": 1.}"#, 8, "invalid number"),
            (#"{"a": "\x"}"#, 9, "invalid escape '\\x'"),
            ("{\"a\": \"tab\there\"}", 10, "control character in a string"),
            ("{\"a\": \"line\nbreak\"}", 11, "control character in a string"),
            (#"{"a": "\ud800"}"#, 13, "unpaired surrogate in \\u escape"),
            (#"{"a": "\udc00"}"#, 13, "unpaired surrogate in \\u escape"),
            (#"{"a": "\ud800\u0041"}"#, 19, "unpaired surrogate in \\u escape"),
            (#"{"a": "\ud83d"#, 13, "unpaired surrogate in \\u escape"),
            (#"{"a": "\u12"}"#, 11, "invalid \\u escape"),
            ("", 0, "unexpected end of data"),
            ("   ", 3, "unexpected end of data"),
        ]
    )
    func invalidJSON(text: String, offset: Int, message: String) {
        #expect(Self.jsonError(text) == OTLPDecodingError(reason: .invalidJSON(message: message, offset: offset)))
    }

    @Test(
        "bytes that are not UTF-8 inside a string are invalid JSON at the string's start",
        arguments: [
            [0xFF],
            [0xC3],  // a lead byte without its continuation
            [0xED, 0xA0, 0x80],  // a surrogate encoded as UTF-8
            [0xC0, 0xAF],  // an overlong '/'
        ] as [[UInt8]]
    )
    func invalidUTF8(bytes: [UInt8]) {
        let document = Data(#"{"a": "ok "#.utf8) + Data(bytes) + Data(#""}"#.utf8)
        #expect(
            Self.jsonError(document)
                == OTLPDecodingError(
                    reason: .invalidJSON(message: "string is not valid UTF-8", offset: 7)
                )
        )
        let escaped = Data(#"{"a": "\n"#.utf8) + Data(bytes) + Data(#""}"#.utf8)
        #expect(
            Self.jsonError(escaped)
                == OTLPDecodingError(
                    reason: .invalidJSON(message: "string is not valid UTF-8", offset: 7)
                )
        )
    }

    /// A document nested 10,000 levels deep, named briefly for the test report.
    struct DeepDocument: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var text: String
    }

    @Test(
        "10,000 levels of nesting are rejected at the depth limit without exhausting the stack",
        arguments: [
            DeepDocument(testDescription: "[[[… unclosed", text: String(repeating: "[", count: 10_000)),
            DeepDocument(
                testDescription: "[[[…]]] closed",
                text: String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
            ),
            DeepDocument(
                testDescription: #"{"a":{"a":…1}}"#,
                text: String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
            ),
            DeepDocument(
                testDescription: #"{"resourceSpans":[[[…"#,
                text: #"{"resourceSpans":"# + String(repeating: "[", count: 10_000)
            ),
        ]
    )
    func deepNesting(document: DeepDocument) {
        #expect(Self.jsonError(document.text) == OTLPDecodingError(reason: .nestingTooDeep(limit: OTLPJSONDecoder().maximumDepth)))
    }

    @Test("the depth limit counts every object and array, and can be lowered")
    func configuredDepth() throws {
        // `{"resourceSpans":[{}]}` is 3 levels deep.
        let document = Data(#"{"resourceSpans":[{}]}"#.utf8)
        #expect(try OTLPJSONDecoder(maximumDepth: 3).decodeTraces(document).value.resourceSpans.count == 1)
        #expect(Self.jsonError(document, maximumDepth: 2) == OTLPDecodingError(reason: .nestingTooDeep(limit: 2)))
        let fixture = try Fixtures.data("otlp/python-sdk/traces.json")
        #expect(Self.jsonError(fixture, maximumDepth: 8) == OTLPDecodingError(reason: .nestingTooDeep(limit: 8)))
    }

    @Test(
        "well-formed JSON of the wrong shape names the field",
        arguments: [
            (#"[]"#, "", "object", "array"),
            (#"{"resourceSpans": {}}"#, "resourceSpans", "array", "object"),
            (#"{"resourceSpans": [{"scopeSpans": [{"spans": ["x"]}]}]}"#, "resourceSpans[0].scopeSpans[0].spans[0]", "object", "string"),
            (#"{"resourceSpans": [{"scopeSpans": [{"spans": [null]}]}]}"#, "resourceSpans[0].scopeSpans[0].spans[0]", "object", "null"),
            (#"{"resourceSpans": [{"resource": {"attributes": [{"key": 1}]}}]}"#, "resourceSpans[0].resource.attributes[0].key", "string", "number"),
            (
                #"{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": 7}]}]}]}"#, "resourceSpans[0].scopeSpans[0].spans[0].traceId", "string",
                "number"
            ),
        ]
    )
    func typeMismatch(text: String, path: String, expected: String, found: String) {
        #expect(Self.jsonError(text) == OTLPDecodingError(path: path, reason: .typeMismatch(expected: expected, found: found)))
    }

    @Test(
        "numbers outside their field's range are errors, not silently truncated",
        arguments: [
            (#""startTimeUnixNano": "18446744073709551616""#, "startTimeUnixNano", "18446744073709551616", "UInt64"),
            (#""startTimeUnixNano": -1"#, "startTimeUnixNano", "-1", "UInt64"),
            (#""droppedAttributesCount": 4294967296"#, "droppedAttributesCount", "4294967296", "UInt32"),
            (#""startTimeUnixNano": 1.5"#, "startTimeUnixNano", "1.5", "UInt64"),
            (#""startTimeUnixNano": "12abc""#, "startTimeUnixNano", "12abc", "UInt64"),
            (#""kind": 2147483648"#, "kind", "2147483648", "Int32"),
        ]
    )
    func outOfRangeNumbers(member: String, field: String, text: String, type: String) {
        let document =
            #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","#
            + member + "}]}]}]}"
        #expect(
            Self.jsonError(document)
                == OTLPDecodingError(
                    path: "resourceSpans[0].scopeSpans[0].spans[0].\(field)",
                    reason: .invalidNumber(text: text, type: type)
                )
        )
    }
}
