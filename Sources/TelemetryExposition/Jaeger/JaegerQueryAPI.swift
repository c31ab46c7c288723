public import Foundation
public import TelemetryModel

/// Jaeger's classic query API (`/api/...`, the JSON the Jaeger UI reads) over received traces.
///
/// Followed: Jaeger v1 query service (v1.6x; the same JSON in Jaeger 2.x's `internal/uimodel`):
/// `cmd/query/app/http_handler.go` for routes, parameters and the `structuredResponse`
/// envelope `{"data":…,"total":…,"limit":0,"offset":0,"errors":…}`, `query_parser.go` for
/// parameter parsing and its error messages, `model/converter/json/from_domain.go` for the
/// trace model, and the in-memory store for matching and ordering. Error answers are written
/// with Go's `http.Error`: the JSON envelope and a newline, as `text/plain; charset=utf-8`.
///
/// Deviations: without `start`/`end`, searches have no time window (Jaeger defaults to the
/// last two days before now, which would hide recorded test data); service names are sorted
/// (the store returns them in map order); `prettyPrint` is ignored.
///
/// Build one per request from everything received; every method is a pure function of the
/// traces and its arguments.
public struct JaegerQueryAPI: Sendable {
    private let store: JaegerTraceStore

    /// Serves the spans of `traces`, which are export requests in arrival order.
    public init(traces: [TracesData]) {
        self.store = JaegerTraceStore(traces, keepingReceivedSpans: false)
    }

    /// `GET /api/services`: `{"data":["svc",…],"total":N,…}`; `data` is `null` when no span
    /// was received.
    public func services() -> ExpositionResponse {
        Self.services(named: store.serviceNames)
    }

    /// `GET /api/services` for service names kept elsewhere (an index), sorted as Jaeger's
    /// names are (by UTF-8 bytes) before they are written.
    public static func services(named names: [String]) -> ExpositionResponse {
        let names = names.sorted(by: utf8Less)
        return .json(
            Self.envelope(total: names.count) { writer in
                Self.writeStrings(names, nullWhenEmpty: true, to: &writer)
            }
        )
    }

    /// `GET /api/services/{service}/operations`: the service's distinct operation names,
    /// sorted; `data` is `null` for a service without spans. Pass the decoded path segment.
    public func operations(service: String) -> ExpositionResponse {
        let names = Set(store.operations(service: service).map(\.name)).sorted(by: utf8Less)
        return .json(
            Self.envelope(total: names.count) { writer in
                Self.writeStrings(names, nullWhenEmpty: true, to: &writer)
            }
        )
    }

    /// `GET /api/operations?service=NAME[&spanKind=KIND]`: `{"data":[{"name":…,"spanKind":…}],…}`;
    /// 400 without `service`.
    public func operations(query: [URLQueryItem]) -> ExpositionResponse {
        let service = Self.value("service", in: query)
        guard !service.isEmpty else { return Self.error(400, "parameter 'service' is required") }
        let operations = store.operations(service: service, spanKind: Self.value("spanKind", in: query))
        return .json(
            Self.envelope(total: operations.count) { writer in
                writer.array { writer in
                    for operation in operations {
                        writer.object { writer in
                            writer.key("name")
                            writer.string(operation.name)
                            writer.key("spanKind")
                            writer.string(operation.spanKind)
                        }
                    }
                }
            }
        )
    }

    /// `GET /api/traces?service=NAME[&operation=…][&limit=…][&start=µs][&end=µs]
    /// [&minDuration=…][&maxDuration=…][&tag=key:value…][&tags={json}]` or `?traceID=…`:
    /// the matching traces, oldest first, at most `limit` (default 100, the most recent).
    /// An unknown service gives `"data":[]`; a missing `service` (without `traceID`) or a
    /// malformed parameter gives 400.
    public func traces(query: [URLQueryItem]) -> ExpositionResponse {
        streamedTraces(query: query).collected()
    }

    /// ``traces(query:)``, rendered trace by trace and span by span as it is sent.
    public func streamedTraces(query: [URLQueryItem]) -> ExpositionStream {
        let parsed: ParsedSearch
        switch Self.parseSearch(query) {
        case .success(let search): parsed = search
        case .failure(let error): return ExpositionStream(Self.error(400, error.message))
        }
        var traces: [JaegerTrace] = []
        var errors: [(code: Int, message: String, traceID: String)] = []
        if parsed.traceIDs.isEmpty {
            traces = store.find(parsed.query)
        } else {
            for id in parsed.traceIDs {
                if let trace = store.trace(id) {
                    traces.append(trace)
                } else {
                    errors.append((0, "trace not found", JaegerID.string(id)))
                }
            }
        }
        return Self.tracesAnswer(traces, errors: errors)
    }

    /// `GET /api/traces/{traceID}`: `{"data":[trace],…}`; 404 when no span of it was received,
    /// 400 when the id is not hexadecimal.
    public func trace(id: String) -> ExpositionResponse {
        streamedTrace(id: id).collected()
    }

    /// ``trace(id:)``, rendered span by span as it is sent.
    public func streamedTrace(id: String) -> ExpositionStream {
        let traceID: TraceID
        switch JaegerID.traceID(id) {
        case .success(let parsed): traceID = parsed
        case .failure(let error): return ExpositionStream(Self.error(400, error.message))
        }
        guard let trace = store.trace(traceID) else { return ExpositionStream(Self.error(404, "trace not found")) }
        return Self.tracesAnswer([trace], errors: [])
    }

    /// `{"data":[trace,…],…}`, the traces rendered as the answer is read.
    private static func tracesAnswer(_ traces: [JaegerTrace], errors: [(code: Int, message: String, traceID: String)]) -> ExpositionStream {
        // The envelope around an empty `data`, cut where the traces go.
        var dataStart = 0
        let envelope = envelope(total: 0, errors: errors) { writer in
            dataStart = writer.bytes.count
            writer.encoded([])
        }
        return ExpositionStream(
            statusCode: 200,
            contentType: ExpositionResponse.jsonContentType,
            source: JaegerTracesBody(
                head: envelope[..<dataStart] + [UInt8(ascii: "[")],
                traces: traces,
                tail: [UInt8(ascii: "]")] + envelope[dataStart...]
            )
        )
    }

    /// The service name Jaeger gives the spans of `resource` (`service.name`; a fixed name for
    /// a resource without attributes), for indexing spans as they arrive.
    public static func serviceName(of resource: Resource) -> String {
        resource.attributes.isEmpty ? JaegerTranslator.noServiceName : resource.attributes["service.name"]?.stringValue ?? ""
    }

    /// The trace ids a search or a trace request names, for finding their spans in an index:
    /// the `traceID` parameters (v1) or the path's id; malformed ones are left out (the query
    /// itself answers 400 for them).
    public static func traceIDs(_ texts: [String]) -> [TraceID] {
        texts.compactMap { try? JaegerID.traceID($0).get() }
    }

    // MARK: - Parameters

    private struct ParsedSearch {
        var query: JaegerTraceQuery
        var traceIDs: [TraceID]
    }

    private struct ParameterError: Error {
        var message: String
    }

    /// `parseTraceQueryParams` and `validateQuery`, in their order of checks.
    private static func parseSearch(_ items: [URLQueryItem]) -> Result<ParsedSearch, ParameterError> {
        var query = JaegerTraceQuery(serviceName: value("service", in: items))
        query.operationName = value("operation", in: items)
        for (name, keyPath) in [("start", \JaegerTraceQuery.startTimeMinimum), ("end", \.startTimeMaximum)] {
            let text = value(name, in: items)
            guard !text.isEmpty else { continue }
            guard let microseconds = Int64(text) else {
                return .failure(ParameterError(message: "unable to parse param '\(name)': \(parseIntError(text))"))
            }
            query[keyPath: keyPath] = microseconds.multipliedReportingOverflow(by: 1_000).partialValue
        }
        for tag in values("tag", in: items) {
            guard let colon = tag.firstIndex(of: ":") else {
                return .failure(ParameterError(message: "malformed 'tag' parameter, expecting key:value, received: \(tag)"))
            }
            query.tags[String(tag[..<colon])] = String(tag[tag.index(after: colon)...])
        }
        for json in values("tags", in: items) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String] else {
                return .failure(ParameterError(message: "malformed 'tags' parameter, cannot unmarshal JSON: \(json) is not an object of strings"))
            }
            for (key, value) in object { query.tags[key] = value }
        }
        query.limit = 100
        let limit = value("limit", in: items)
        if !limit.isEmpty {
            guard let parsed = Int32(limit) else { return .failure(ParameterError(message: parseIntError(limit))) }
            query.limit = Int(parsed)
        }
        for (name, keyPath) in [("minDuration", \JaegerTraceQuery.durationMinimum), ("maxDuration", \.durationMaximum)] {
            let text = value(name, in: items)
            guard !text.isEmpty else { continue }
            switch GoDuration.nanoseconds(text) {
            case .success(let nanoseconds): query[keyPath: keyPath] = nanoseconds
            case .failure(let error): return .failure(ParameterError(message: "unable to parse param '\(name)': \(error.message)"))
            }
        }
        var traceIDs: [TraceID] = []
        for text in values("traceID", in: items) {
            switch JaegerID.traceID(text) {
            case .success(let id): traceIDs.append(id)
            case .failure(let error): return .failure(ParameterError(message: "cannot parse traceID param: \(error.message)"))
            }
        }
        if traceIDs.isEmpty && query.serviceName.isEmpty {
            return .failure(ParameterError(message: "parameter 'service' is required"))
        }
        if query.durationMinimum != 0 && query.durationMaximum != 0 && query.durationMaximum < query.durationMinimum {
            return .failure(ParameterError(message: "'maxDuration' should be greater than 'minDuration'"))
        }
        return .success(ParsedSearch(query: query, traceIDs: traceIDs))
    }

    /// `strconv.ParseInt`'s message for text that is not a 32-bit decimal integer.
    private static func parseIntError(_ text: String) -> String {
        let isNumber = text.drop { $0 == "-" || $0 == "+" }.allSatisfy(\.isASCIIDigit) && text.contains(where: \.isASCIIDigit)
        return "strconv.ParseInt: parsing \"\(text)\": \(isNumber ? "value out of range" : "invalid syntax")"
    }

    /// `r.FormValue(name)`: the first value, or "".
    static func value(_ name: String, in items: [URLQueryItem]) -> String {
        items.first { $0.name == name }.map { $0.value ?? "" } ?? ""
    }

    static func values(_ name: String, in items: [URLQueryItem]) -> [String] {
        items.filter { $0.name == name }.map { $0.value ?? "" }
    }

    // MARK: - Envelope

    /// `structuredResponse`: `{"data":…,"total":…,"limit":0,"offset":0,"errors":…}`.
    private static func envelope(
        total: Int,
        errors: [(code: Int, message: String, traceID: String)] = [],
        data: (inout GoJSONWriter) -> Void
    ) -> [UInt8] {
        var writer = GoJSONWriter()
        writer.object { writer in
            writer.key("data")
            data(&writer)
            writer.key("total")
            writer.integer(total)
            writer.key("limit")
            writer.integer(0)
            writer.key("offset")
            writer.integer(0)
            writer.key("errors")
            if errors.isEmpty {
                writer.null()
            } else {
                writer.array { writer in
                    for error in errors {
                        writer.object { writer in
                            if error.code != 0 {
                                writer.key("code")
                                writer.integer(error.code)
                            }
                            writer.key("msg")
                            writer.string(error.message)
                            if !error.traceID.isEmpty {
                                writer.key("traceID")
                                writer.string(error.traceID)
                            }
                        }
                    }
                }
            }
        }
        return writer.bytes
    }

    /// `handleError`: the envelope with `data: null` and one error carrying the status code.
    private static func error(_ statusCode: Int, _ message: String) -> ExpositionResponse {
        .goHTTPError(statusCode: statusCode, body: envelope(total: 0, errors: [(statusCode, message, "")]) { $0.null() })
    }

    private static func writeStrings(_ strings: [String], nullWhenEmpty: Bool, to writer: inout GoJSONWriter) {
        if strings.isEmpty && nullWhenEmpty {
            writer.null()
            return
        }
        writer.array { writer in
            for string in strings { writer.string(string) }
        }
    }
}
