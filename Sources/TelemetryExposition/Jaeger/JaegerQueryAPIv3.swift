public import Foundation
import OTLPWire
public import TelemetryModel

/// Jaeger's v3 query API (`/api/v3/...`, OTLP in the grpc-gateway JSON form) over received
/// traces.
///
/// Followed: Jaeger 2.x `cmd/query/app/apiv3/http_gateway.go`: traces come back as
/// `{"result":<OTLP/JSON TracesData>}` (the `GRPCGatewayWrapper`), the matching traces'
/// resource spans one after the other; no match is a 404 `{"error":{"httpCode":404,
/// "message":"No traces found"}}`; errors are written with Go's `http.Error` (a newline after
/// the JSON, `text/plain; charset=utf-8`). Lists are written by gogo's jsonpb, which leaves
/// an empty list out (`{}`).
///
/// Deviations: `query.start_time_min` and `query.start_time_max` are optional here (Jaeger
/// answers 400 without them); `query.service_name` is required (400 without it, where Jaeger
/// would find nothing); the OTLP spans are returned as received, without the v2 adjusters'
/// attribute sorting.
///
/// Build one per request from everything received; every method is a pure function.
public struct JaegerQueryAPIv3: Sendable {
    private let store: JaegerTraceStore

    /// Serves the spans of `traces`, which are export requests in arrival order.
    public init(traces: [TracesData]) {
        self.store = JaegerTraceStore(traces, keepingReceivedSpans: true)
    }

    /// `GET /api/v3/services`: `{"services":["svc",…]}`, sorted; `{}` when there are none.
    public func services() -> ExpositionResponse {
        Self.services(named: store.serviceNames)
    }

    /// `GET /api/v3/services` for service names kept elsewhere (an index), sorted by UTF-8 bytes
    /// before they are written.
    public static func services(named names: [String]) -> ExpositionResponse {
        let names = names.sorted(by: utf8Less)
        var writer = GoJSONWriter()
        writer.object { writer in
            guard !names.isEmpty else { return }
            writer.key("services")
            writer.array { writer in
                for name in names { writer.string(name) }
            }
        }
        return .json(writer.bytes)
    }

    /// `GET /api/v3/operations?service=NAME[&span_kind=KIND]`:
    /// `{"operations":[{"name":…,"spanKind":…}]}` (`spanKind` left out when empty); `{}` when
    /// there are none.
    public func operations(query: [URLQueryItem]) -> ExpositionResponse {
        let operations = store.operations(
            service: JaegerQueryAPI.value("service", in: query),
            spanKind: JaegerQueryAPI.value("span_kind", in: query)
        )
        var writer = GoJSONWriter()
        writer.object { writer in
            guard !operations.isEmpty else { return }
            writer.key("operations")
            writer.array { writer in
                for operation in operations {
                    writer.object { writer in
                        writer.key("name")
                        writer.string(operation.name)
                        if !operation.spanKind.isEmpty {
                            writer.key("spanKind")
                            writer.string(operation.spanKind)
                        }
                    }
                }
            }
        }
        return .json(writer.bytes)
    }

    /// `GET /api/v3/traces?query.service_name=NAME[&query.operation_name=…]
    /// [&query.num_traces=N][&query.start_time_min=RFC3339][&query.start_time_max=RFC3339]
    /// [&query.duration_min=…][&query.duration_max=…]`: the matching traces' OTLP, oldest
    /// first, at most `query.num_traces` (the most recent); 404 when none match, 400 for a
    /// missing service or a malformed parameter.
    public func traces(query: [URLQueryItem]) -> ExpositionResponse {
        streamedTraces(query: query).collected()
    }

    /// ``traces(query:)``, rendered one received resource's spans at a time as it is sent.
    public func streamedTraces(query: [URLQueryItem]) -> ExpositionStream {
        var search = JaegerTraceQuery(serviceName: JaegerQueryAPI.value("query.service_name", in: query))
        guard !search.serviceName.isEmpty else { return Self.streamedError(400, "query.service_name is required") }
        search.operationName = JaegerQueryAPI.value("query.operation_name", in: query)
        for (name, keyPath) in [("query.start_time_min", \JaegerTraceQuery.startTimeMinimum), ("query.start_time_max", \.startTimeMaximum)] {
            let text = JaegerQueryAPI.value(name, in: query)
            guard !text.isEmpty else { continue }
            guard let nanoseconds = RFC3339.unixNanoseconds(text) else {
                return Self.streamedError(
                    400,
                    "malformed parameter \(name): parsing time \"\(text)\" as \"2006-01-02T15:04:05.999999999Z07:00\": not an RFC 3339 time"
                )
            }
            search[keyPath: keyPath] = nanoseconds
        }
        let numTraces = JaegerQueryAPI.value("query.num_traces", in: query)
        if !numTraces.isEmpty {
            guard let limit = Int(numTraces) else {
                return Self.streamedError(400, "malformed parameter query.num_traces: strconv.Atoi: parsing \"\(numTraces)\": invalid syntax")
            }
            search.limit = limit
        }
        for (name, keyPath) in [("query.duration_min", \JaegerTraceQuery.durationMinimum), ("query.duration_max", \.durationMaximum)] {
            let text = JaegerQueryAPI.value(name, in: query)
            guard !text.isEmpty else { continue }
            switch GoDuration.nanoseconds(text) {
            case .success(let nanoseconds): search[keyPath: keyPath] = nanoseconds
            case .failure(let error): return Self.streamedError(400, "malformed parameter \(name): \(error.message)")
            }
        }
        let traces = store.find(search)
        guard !traces.isEmpty else { return Self.streamedError(404, "No traces found") }
        return Self.result(traces.flatMap(\.resourceSpans))
    }

    /// `GET /api/v3/traces/{trace_id}`: the trace's OTLP; 404 when no span of it was received,
    /// 400 when the id is not hexadecimal.
    public func trace(id: String) -> ExpositionResponse {
        streamedTrace(id: id).collected()
    }

    /// ``trace(id:)``, rendered one received resource's spans at a time as it is sent.
    public func streamedTrace(id: String) -> ExpositionStream {
        switch JaegerID.traceID(id) {
        case .failure(let error):
            return Self.streamedError(400, "malformed parameter trace_id: \(error.message)")
        case .success(let traceID):
            guard let trace = store.trace(traceID) else { return Self.streamedError(404, "trace not found") }
            return Self.result(trace.resourceSpans)
        }
    }

    /// `{"result":…}` around the OTLP/JSON of `TracesData` holding `resourceSpans`, written one
    /// resource's spans at a time.
    private static func result(_ resourceSpans: [ResourceSpans]) -> ExpositionStream {
        guard !resourceSpans.isEmpty else {
            // The protobuf JSON mapping leaves an empty list out: `{"result":{}}`.
            var writer = GoJSONWriter()
            writer.object { writer in
                writer.key("result")
                writer.encoded(OTLPJSONEncoder.encode(TracesData(resourceSpans: [])))
            }
            return ExpositionStream(.json(writer.bytes))
        }
        return ExpositionStream(
            statusCode: 200,
            contentType: ExpositionResponse.jsonContentType,
            source: JSONArrayBody(
                head: Array(#"{"result":{"resourceSpans":["#.utf8),
                elements: resourceSpans,
                tail: Array("]}}".utf8)
            ) { Array(OTLPJSONEncoder.encode($0)) }
        )
    }

    private static func streamedError(_ statusCode: Int, _ message: String) -> ExpositionStream {
        ExpositionStream(error(statusCode, message))
    }

    /// `GRPCGatewayError`: `{"error":{"httpCode":N,"message":…}}`.
    private static func error(_ statusCode: Int, _ message: String) -> ExpositionResponse {
        var writer = GoJSONWriter()
        writer.object { writer in
            writer.key("error")
            writer.object { writer in
                writer.key("httpCode")
                writer.integer(statusCode)
                writer.key("message")
                writer.string(message)
            }
        }
        return .goHTTPError(statusCode: statusCode, body: writer.bytes)
    }
}
