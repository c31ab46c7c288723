import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Metrics
import Tracing

/// The demo service's routes: a multi-stage pipeline, and health checks that never depend on
/// the observability stack.
enum PipelineRouter {
    static let stages = ["transcribe", "generate", "synthesize"]

    /// - Parameters:
    ///   - stageWork: CPU work per stage and input byte.
    ///   - collectorDependency: when set, every pipeline request first checks this URL (the
    ///     collector's health endpoint) and fails with 503 when it does not answer 200 within
    ///     2 s. This is the anti-pattern the resilience scenario must catch: a service whose
    ///     requests depend on the observability stack. Off by default.
    ///   - extraWorkPercent: when above 0, every request busy-spins for this percentage of its
    ///     own service time: a known slowdown, for calibrating the overhead gate.
    ///   - downstream: when set, the `generate` stage is done by another demo service at this
    ///     base URL (`POST /v1/generate`), called over HTTP with the trace context propagated: a
    ///     second hop for the propagation scenario. Off by default, so the overhead gate's
    ///     workload stays one process.
    static func make(
        stageWork: Int,
        collectorDependency: String? = nil,
        extraWorkPercent: Double = 0,
        downstream: String? = nil
    ) -> Router<BasicRequestContext> {
        let router = Router()
        if extraWorkPercent > 0 { router.middlewares.add(ExtraWorkMiddleware(percent: extraWorkPercent)) }
        router.middlewares.add(TracingMiddleware())
        router.middlewares.add(MetricsMiddleware())
        router.get("/health/live") { _, _ in HTTPResponse.Status.ok }
        router.get("/health/ready") { _, _ in HTTPResponse.Status.ok }
        router.post("/v1/pipeline") { request, context -> String in
            if let collectorDependency { try await checkIn(with: collectorDependency) }
            let input = try await request.body.collect(upTo: 1 << 20)
            var payload = Array(input.readableBytesView)
            if payload.isEmpty { payload = Array("hello".utf8) }
            context.logger.info("pipeline started", metadata: ["input.bytes": "\(payload.count)"])
            for stage in stages {
                if stage == "generate", let downstream {
                    payload = try await withSpan(stage) { span in
                        span.attributes["pipeline.stage"] = stage
                        span.attributes["pipeline.input.bytes"] = payload.count
                        return try await generate(payload, at: downstream)
                    }
                    context.logger.debug("stage done", metadata: ["stage": "\(stage)", "stage.remote": "\(downstream)"])
                } else {
                    payload = stageSpan(stage, payload, stageWork: stageWork, logger: context.logger)
                }
            }
            Counter(label: "pipeline.requests", dimensions: [("outcome", "ok")]).increment()
            context.logger.info("pipeline finished")
            return String(decoding: payload.prefix(32).map { UInt8(ascii: "a") + $0 % 26 }, as: UTF8.self)
        }
        // The downstream end of the second hop: one stage for another demo service.
        router.post("/v1/generate") { request, context -> Response in
            let input = try await request.body.collect(upTo: 1 << 20)
            let output = stageSpan("generate", Array(input.readableBytesView), stageWork: stageWork, logger: context.logger)
            context.logger.info("generate finished", metadata: ["input.bytes": "\(input.readableBytes)"])
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: output)))
        }
        return router
    }

    /// One stage done here, in a span of its own, timed and counted.
    static func stageSpan(_ stage: String, _ payload: [UInt8], stageWork: Int, logger: Logger) -> [UInt8] {
        withSpan(stage) { span in
            span.attributes["pipeline.stage"] = stage
            span.attributes["pipeline.input.bytes"] = payload.count
            let start = ContinuousClock.now
            let output = work(on: payload, iterations: stageWork)
            Timer(label: "pipeline.stage.duration", dimensions: [("stage", stage)])
                .recordNanoseconds((ContinuousClock.now - start).nanoseconds)
            Counter(label: "pipeline.stage.completed", dimensions: [("stage", stage)]).increment()
            logger.debug("stage done", metadata: ["stage": "\(stage)"])
            return output
        }
    }

    /// The `generate` stage done by the demo service at `downstream`. AsyncHTTPClient starts a
    /// client span and injects its context (W3C `traceparent`) through the bootstrapped tracer.
    static func generate(_ payload: [UInt8], at downstream: String) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: downstream + "/v1/generate")
        request.method = .POST
        request.body = .bytes(ByteBuffer(bytes: payload))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        } catch {
            throw HTTPError(.badGateway, message: "the downstream generate stage failed: \(error)")
        }
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else {
            throw HTTPError(.badGateway, message: "the downstream generate stage answered \(response.status.code)")
        }
        return Array(body.readableBytesView)
    }

    /// Fails the request with 503 unless `url` answers 200 within 2 s.
    static func checkIn(with url: String) async throws {
        let status: UInt
        do {
            status = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(2)).status.code
        } catch {
            throw HTTPError(.serviceUnavailable, message: "collector check-in failed: \(error)")
        }
        guard status == 200 else { throw HTTPError(.serviceUnavailable, message: "collector check-in answered \(status)") }
    }

    /// Deterministic CPU work proportional to the input (FNV-1a rounds), standing in for a model.
    static func work(on input: [UInt8], iterations: Int) -> [UInt8] {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var output = input
        for round in 0..<max(1, iterations) {
            for (index, byte) in input.enumerated() {
                hash = (hash ^ UInt64(byte ^ UInt8(truncatingIfNeeded: round))) &* 0x0000_0100_0000_01B3
                output[index] = UInt8(truncatingIfNeeded: hash)
            }
        }
        return output
    }
}

/// Spins the CPU after each request for `percent` of the time the request took.
struct ExtraWorkMiddleware<Context: RequestContext>: RouterMiddleware {
    let percent: Double

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await next(request, context)
        let spinUntil = clock.now.advanced(by: (clock.now - start) * (percent / 100))
        while clock.now < spinUntil {}
        return response
    }
}

extension Duration {
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
