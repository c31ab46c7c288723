import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TelemetryExposition

/// What the receiver serves besides OTLP, to stand in for the collector's prometheus exporter
/// and for the trace backend: `GET /metrics` (Prometheus text 0.0.4, or OpenMetrics when asked
/// for in `Accept`) and Jaeger's query API (`/api/services`, `/api/traces`, `/api/traces/{id}`,
/// `/api/services/{service}/operations`, and the v3 forms under `/api/v3/`).
struct CollectorStandInRoutes: Sendable {
    let configuration: OTLPReceiverConfiguration
    let store: ReceivedTelemetryStore

    func register(on router: Router<BasicRequestContext>) {
        router.get("/metrics") { request, _ in
            let format = PrometheusExpositionFormat.negotiated(accept: request.headers[.accept], openMetricsEnabled: true)
            return Self.response(store.prometheusExposition(format: format, namespace: configuration.prometheusNamespace).response)
        }
        router.get("/api/services") { _, _ in Self.response(JaegerQueryAPI(traces: store.acceptedTraces).services()) }
        router.get("/api/services/{service}/operations") { _, context in
            Self.response(JaegerQueryAPI(traces: store.acceptedTraces).operations(service: context.parameters.get("service") ?? ""))
        }
        router.get("/api/operations") { request, _ in
            Self.response(JaegerQueryAPI(traces: store.acceptedTraces).operations(query: Self.query(request)))
        }
        router.get("/api/traces") { request, _ in
            Self.response(JaegerQueryAPI(traces: store.acceptedTraces).traces(query: Self.query(request)))
        }
        router.get("/api/traces/{id}") { _, context in
            Self.response(JaegerQueryAPI(traces: store.acceptedTraces).trace(id: context.parameters.get("id") ?? ""))
        }
        router.get("/api/v3/services") { _, _ in Self.response(JaegerQueryAPIv3(traces: store.acceptedTraces).services()) }
        router.get("/api/v3/operations") { request, _ in
            Self.response(JaegerQueryAPIv3(traces: store.acceptedTraces).operations(query: Self.query(request)))
        }
        router.get("/api/v3/traces") { request, _ in
            Self.response(JaegerQueryAPIv3(traces: store.acceptedTraces).traces(query: Self.query(request)))
        }
        router.get("/api/v3/traces/{id}") { _, context in
            Self.response(JaegerQueryAPIv3(traces: store.acceptedTraces).trace(id: context.parameters.get("id") ?? ""))
        }
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
