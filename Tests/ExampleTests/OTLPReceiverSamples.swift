// The Swift samples of the OTLPReceiver documentation (Sources/OTLPReceiver/OTLPReceiver.docc):
// swift-otel's real exporters sending to the fake receiver, compiled and run as tests.

import Logging
import OTLPReceiver
import OTel
import ServiceLifecycle
import TelemetryTesting
import Tracing

@Test func checkoutReachesTheCollector() async throws {
    try await withOTLPReceiver { receiver in  // stopped afterwards, also on failure
        var configuration = OTel.Configuration.default
        configuration.serviceName = "swift-checkout"
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        configuration.traces.otlpExporter.endpoint = receiver.httpEndpoint + "/v1/traces"
        let (tracer, service) = try OTel.makeTracingBackend(configuration: configuration)
        let group = ServiceGroup(services: [service], logger: Logger(label: "otel"))
        let running = Task { try await group.run() }

        tracer.withSpan("GET /checkout", ofKind: .server) { span in
            span.attributes["http.response.status_code"] = 200
            tracer.withSpan("charge card") { $0.setStatus(.init(code: .error)) }
        }
        await group.triggerGracefulShutdown()  // flushes the exporter
        try await running.value

        try await receiver.requireTrace {
            ExpectedSpan("GET /checkout", kind: .server, attributes: ["http.response.status_code": 200]) {
                ExpectedSpan("charge card", status: .error)
            }
        }
        #expect(receiver.requests.allSatisfy { $0.userAgent == "OTel-OTLP-Exporter-Swift/1.0.0" })
    }
}

/// The checkout trace of ``checkoutReachesTheCollector()``, exported by swift-otel to `receiver`
/// (OTLP/HTTP protobuf unless `configure` says otherwise) and flushed by a graceful shutdown.
func exportCheckoutTrace(to receiver: OTLPReceiver, _ configure: (inout OTel.Configuration) -> Void = { _ in }) async throws {
    var configuration = OTel.Configuration.default
    configuration.serviceName = "swift-checkout"
    configuration.diagnosticLogLevel = .error
    configuration.traces.otlpExporter.protocol = .httpProtobuf
    configuration.traces.otlpExporter.endpoint = receiver.httpEndpoint + "/v1/traces"
    configuration.traces.otlpExporter.timeout = .seconds(15)  // generous: the test suite shares 2 cores
    configure(&configuration)
    let (tracer, service) = try OTel.makeTracingBackend(configuration: configuration)
    let group = ServiceGroup(services: [service], logger: Logger(label: "otel", factory: { _ in SwiftLogNoOpLogHandler() }))
    let running = Task { try await group.run() }
    tracer.withSpan("GET /checkout", ofKind: .server) { span in
        span.attributes["http.response.status_code"] = 200
        tracer.withSpan("charge card") { $0.setStatus(.init(code: .error)) }
    }
    await group.triggerGracefulShutdown()
    try await running.value
}

@Suite("Documentation samples: OTLPReceiver")
struct OTLPReceiverSamples {
    @Test("swift-otel honours Retry-After and delivers once")
    func retryAfter() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([
                FaultRule(.status(httpStatus: 503, retryAfter: .seconds(1)), on: [.traces], when: .attempts(1...1))
            ])
            try await exportCheckoutTrace(to: receiver)  // swift-otel over OTLP/HTTP, as above
            let attempts = receiver.requests.filter { $0.signal == .traces }
            #expect(attempts.map(\.outcome.isAccepted) == [false, true])  // retried once, then accepted
            #expect(attempts[1].arrival - attempts[0].arrival >= .seconds(1))  // not before Retry-After
            #expect(receiver.spans.count == 2)  // delivered once, no duplicates
        }
    }

    @Test("a gRPC status fault is retried when the code is retryable")
    func grpcStatus() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([
                FaultRule(.grpcStatus(.unavailable, retryDelay: .milliseconds(200)), on: [.traces], when: .attempts(1...1))
            ])
            try await exportCheckoutTrace(to: receiver) { configuration in
                configuration.traces.otlpExporter.protocol = .grpc
                configuration.traces.otlpExporter.endpoint = receiver.grpcEndpoint
            }
            let attempts = receiver.requests.filter { $0.signal == .traces }
            #expect(attempts.first?.outcome.isAccepted == false)  // UNAVAILABLE, with RetryInfo
            #expect(attempts.last?.outcome.isAccepted == true)  // retried, then accepted
        }
    }

    @Test("tests sharing one receiver each read their own session")
    func sessions() async throws {
        try await withOTLPReceiver { receiver in
            try await exportCheckoutTrace(to: receiver) { configuration in
                configuration.resourceAttributes["otel_harness.session"] = "checkout-test"
            }
            try await exportCheckoutTrace(to: receiver)

            let session = receiver.session("checkout-test")
            let spans = try await session.waitForSpans(count: 2)
            #expect(spans.count == 2)  // only this session's spans
            #expect(receiver.spans.count == 4)  // everything the receiver accepted
        }
    }

    @Test("faults are rules: which signal, which requests, what happens")
    func faultPlan() async throws {
        try await withOTLPReceiver { receiver in
            receiver.faultPlan = FaultPlan([
                FaultRule(.grpcStatus(.resourceExhausted, retryDelay: .seconds(3)), on: [.traces], when: .attempts(1...2)),
                FaultRule(.partialSuccess(rejected: 1, message: "1 data point dropped"), on: [.metrics]),
                FaultRule(.delay(.milliseconds(50), jitter: .milliseconds(20)), when: .probability(0.3, seed: 7)),
                FaultRule(.closeConnection(.midBody), on: [.logs], when: .attempts(1...1)),
            ])
            #expect(receiver.faultPlan.rules.count == 4)
        }
    }
}
