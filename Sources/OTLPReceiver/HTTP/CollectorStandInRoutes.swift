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
            return await answer(from: { traceIDs.isEmpty ? $0.traces(relatedToService: service) : $0.traces(ofTraces: traceIDs) }) {
                JaegerQueryAPI(traces: $0).traces(query: query)
            }
        }
        router.get("/api/traces/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            return await answer(from: { $0.traces(ofTraces: JaegerQueryAPI.traceIDs([id])) }) { JaegerQueryAPI(traces: $0).trace(id: id) }
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
            return await answer(from: { $0.traces(relatedToService: service) }) { JaegerQueryAPIv3(traces: $0).traces(query: query) }
        }
        router.get("/api/v3/traces/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            return await answer(from: { $0.traces(ofTraces: JaegerQueryAPI.traceIDs([id])) }) { JaegerQueryAPIv3(traces: $0).trace(id: id) }
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
