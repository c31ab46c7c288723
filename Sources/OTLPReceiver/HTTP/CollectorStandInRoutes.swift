import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TelemetryExposition
import TelemetryModel

/// What the receiver serves besides OTLP, to stand in for the collector's prometheus exporter
/// and for the trace backend: `GET /metrics` (Prometheus text 0.0.4, or OpenMetrics when asked
/// for in `Accept`) and Jaeger's query API (`/api/services`, `/api/traces`, `/api/traces/{id}`,
/// `/api/services/{service}/operations`, and the v3 forms under `/api/v3/`).
///
/// The answers are rendered on the receiver's own threads (``DecodingPool``): a query over many
/// spans is seconds of work that would otherwise hold a thread of Swift's cooperative pool.
struct CollectorStandInRoutes: Sendable {
    let configuration: OTLPReceiverConfiguration
    let store: ReceivedTelemetryStore
    let pool: DecodingPool

    func register(on router: Router<BasicRequestContext>) {
        router.get("/metrics") { request, _ in
            let format = PrometheusExpositionFormat.negotiated(accept: request.headers[.accept], openMetricsEnabled: true)
            return Self.response(store.prometheusExposition(format: format, namespace: configuration.prometheusNamespace).response)
        }
        // Services come from the index; every other answer reads only the requests it needs.
        router.get("/api/services") { _, _ in Self.response(JaegerQueryAPI.services(named: store.serviceNames)) }
        router.get("/api/services/{service}/operations") { _, context in
            let service = context.parameters.get("service") ?? ""
            return await answer(from: { $0.traces(ofService: service) }) { JaegerQueryAPI(traces: $0).operations(service: service) }
        }
        router.get("/api/operations") { request, _ in
            let query = Self.query(request)
            let service = Self.value("service", in: query)
            return await answer(from: { $0.traces(ofService: service) }) { JaegerQueryAPI(traces: $0).operations(query: query) }
        }
        router.get("/api/traces") { request, _ in
            let query = Self.query(request)
            let traceIDs = JaegerQueryAPI.traceIDs(query.filter { $0.name == "traceID" }.map { $0.value ?? "" })
            let service = Self.value("service", in: query)
            return await streamedAnswer(from: { traceIDs.isEmpty ? $0.traces(relatedToService: service) : $0.traces(ofTraces: traceIDs) }) {
                JaegerQueryAPI(traces: $0).streamedTraces(query: query)
            }
        }
        router.get("/api/traces/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            return await streamedAnswer(from: { $0.traces(ofTraces: JaegerQueryAPI.traceIDs([id])) }) {
                JaegerQueryAPI(traces: $0).streamedTrace(id: id)
            }
        }
        router.get("/api/v3/services") { _, _ in Self.response(JaegerQueryAPIv3.services(named: store.serviceNames)) }
        router.get("/api/v3/operations") { request, _ in
            let query = Self.query(request)
            let service = Self.value("service", in: query)
            return await answer(from: { $0.traces(ofService: service) }) { JaegerQueryAPIv3(traces: $0).operations(query: query) }
        }
        router.get("/api/v3/traces") { request, _ in
            let query = Self.query(request)
            let service = Self.value("query.service_name", in: query)
            return await streamedAnswer(from: { $0.traces(relatedToService: service) }) { JaegerQueryAPIv3(traces: $0).streamedTraces(query: query) }
        }
        router.get("/api/v3/traces/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            return await streamedAnswer(from: { $0.traces(ofTraces: JaegerQueryAPI.traceIDs([id])) }) {
                JaegerQueryAPIv3(traces: $0).streamedTrace(id: id)
            }
        }
    }

    /// A query answer over the traces `select` reads from the store, rendered on the pool.
    private func answer(
        from select: @escaping @Sendable (ReceivedTelemetryStore) -> [TracesData],
        _ render: @escaping @Sendable ([TracesData]) -> ExpositionResponse
    ) async -> Response {
        let store = self.store
        return Self.response(await pool.run { render(select(store)) })
    }

    /// The size of the pieces a streamed answer is rendered and written in.
    static let answerPieceBytes = 256 << 10

    /// A query answer over the traces `select` reads from the store, rendered on the pool piece
    /// by piece while it is written, so that a trace of a million spans is never held whole as
    /// JSON and its first bytes leave before its last are rendered. An answer of one piece goes
    /// out whole, with its `Content-Length`; a longer one is sent chunked, each piece rendered
    /// once the previous one has been handed to the connection (which waits for a slow reader,
    /// up to ``OTLPReceiverConfiguration/answerWriteTimeout``).
    private func streamedAnswer(
        from select: @escaping @Sendable (ReceivedTelemetryStore) -> [TracesData],
        _ render: @escaping @Sendable ([TracesData]) -> ExpositionStream
    ) async -> Response {
        let store = self.store
        let pool = self.pool
        let start = await pool.run {
            var stream = render(select(store))
            let first = stream.nextPiece(minimumBytes: Self.answerPieceBytes) ?? []
            let second = stream.nextPiece(minimumBytes: Self.answerPieceBytes)
            return (stream: stream, first: first, second: second)
        }
        var headers = HTTPFields()
        headers[.contentType] = start.stream.contentType
        let status = HTTPResponse.Status(code: start.stream.statusCode)
        guard let second = start.second else {
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: start.first)))
        }
        return Response(
            status: status,
            headers: headers,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: start.first))
                try await writer.write(ByteBuffer(bytes: second))
                var stream = start.stream
                while true {
                    let step = await pool.run { [stream] in
                        var rest = stream
                        let piece = rest.nextPiece(minimumBytes: Self.answerPieceBytes)
                        return (stream: rest, piece: piece)
                    }
                    stream = step.stream
                    guard let piece = step.piece else { break }
                    try await writer.write(ByteBuffer(bytes: piece))
                }
                try await writer.finish(nil)
            }
        )
    }

    /// The first value of the query parameter `name`, or "" (Go's `r.FormValue`).
    static func value(_ name: String, in query: [URLQueryItem]) -> String {
        query.first { $0.name == name }.map { $0.value ?? "" } ?? ""
    }

    static func query(_ request: Request) -> [URLQueryItem] {
        request.uri.queryParameters.map { URLQueryItem(name: String($0.key), value: String($0.value)) }
    }

    static func response(_ exposition: ExpositionResponse) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = exposition.contentType
        return Response(
            status: HTTPResponse.Status(code: exposition.statusCode),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: exposition.body))
        )
    }
}
