import Foundation
import OTLPReceiver
import OTLPWire
import TelemetryModel

/// The battery: what the OTLP specification (opentelemetry-proto `docs/specification.md`, and
/// the exporter configuration of opentelemetry-specification) asks of a trace exporter.
public enum ExporterCases {
    /// Every case, in the matrix's order.
    public static var all: [ExporterCase] {
        [exportPath, jsonHexIDs, gzip, headers, userAgent]
            + [429, 502, 503, 504].map(retryHTTP) + [noRetryHTTP(400), noRetryHTTP(500)]
            + [retryAfterSeconds, retryAfterHTTPDate]
            + [OTLPStatusCode.unavailable, .cancelled, .deadlineExceeded, .aborted, .outOfRange, .dataLoss].map(retryGRPC)
            + [noRetryGRPC(.invalidArgument), noRetryGRPC(.resourceExhausted), resourceExhaustedWithRetryInfo]
            + [noRetryPartialSuccess, retryDroppedConnection, backoffJitter, timeout, flushWhileRefused, flushWhileStalled, flushWhileTCPBlackHole]
    }

    static let http: Set<OTLPTransport> = [.httpProtobuf, .httpJSON]

    // MARK: Judgement helpers

    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

    static func answered(_ request: ReceivedRequest) -> String {
        switch request.outcome {
        case .accepted: "accepted"
        case .partiallyAccepted(let rejected, _): "partial success (\(rejected) rejected)"
        case .rejected(let status, let rpc): request.transport == .grpc ? "\(rpc.code)" : "HTTP \(status)"
        case .dropped(let reason): "dropped (\(reason))"
        }
    }

    static func ended(_ run: CaseEvidence.Run) -> String {
        run.outcome.timedOut ? "; the exporter was still running at the deadline" : ""
    }

    /// Passes when the first request was re-sent and every span arrived.
    static func retried(_ evidence: CaseEvidence, what: String) -> CaseVerdict {
        let run = evidence.run
        guard let first = run.requests.first else { return .fail("no request arrived\(ended(run))") }
        guard let delay = run.retryWaits.first else {
            return .fail("not retried: the request answered \(answered(first)) was not sent again\(ended(run))")
        }
        guard run.deliveredSpans >= evidence.spans else {
            return .fail("retried \(run.resends.count) times but only \(run.deliveredSpans) of \(evidence.spans) spans were accepted\(ended(run))")
        }
        return .pass("\(what) retried after \(seconds(delay)); all \(evidence.spans) spans delivered")
    }

    /// Passes when the first request was not sent again.
    static func notRetried(_ evidence: CaseEvidence) -> CaseVerdict {
        let run = evidence.run
        guard let first = run.requests.first else { return .fail("no request arrived\(ended(run))") }
        let again = run.resends
        guard let retry = again.first else { return .pass("one attempt (\(answered(first))), not retried") }
        let delay = (retry.arrival - first.arrival) / .seconds(1)
        return .fail("retried \(again.count) time\(again.count == 1 ? "" : "s") after \(answered(first)), first after \(seconds(delay))")
    }

    /// Passes when the re-send waited at least `minimum` seconds (the server's delay).
    static func waited(_ evidence: CaseEvidence, minimum: Double, asked: String) -> CaseVerdict {
        let run = evidence.run
        guard let first = run.requests.first else { return .fail("no request arrived\(ended(run))") }
        guard let delay = run.retryWaits.first else { return .fail("not retried after \(answered(first))\(ended(run))") }
        return delay >= minimum
            ? .pass("retried after \(seconds(delay)), as \(asked) asked")
            : .fail("retried after \(seconds(delay)); \(asked) asked for at least \(seconds(minimum))")
    }

    /// A plan with `fault` on the first trace request only.
    static func onFirstAttempt(_ fault: Fault) -> @Sendable () -> FaultPlan {
        { FaultPlan([FaultRule(fault, on: [.traces], when: .attempts(1...1))]) }
    }

    // MARK: Requests

    static let exportPath = ExporterCase(
        "export-path",
        requirement:
            "HTTP: POST /v1/traces with Content-Type application/x-protobuf or application/json; gRPC: TraceService/Export; every span exactly once"
    ) { evidence in
        let run = evidence.run
        guard !run.requests.isEmpty else { return .fail("no request arrived\(ended(run))") }
        let expectedPath = evidence.transport.isHTTP ? OTLPSignal.traces.httpPath : "/\(OTLPSignal.traces.grpcService)/Export"
        let expectedEncoding: ReceivedRequest.Encoding = evidence.transport == .httpJSON ? .json : .protobuf
        let wrong = run.requests.filter { $0.path != expectedPath || $0.encoding != expectedEncoding }
        if let request = wrong.first {
            return .fail(
                "sent \(request.path) as \(request.encoding.map(\.rawValue) ?? request.header("content-type") ?? "an unknown encoding"); expected \(expectedPath) as \(expectedEncoding.rawValue)"
            )
        }
        let ids = run.requests.filter(\.outcome.isAccepted).flatMap { request -> [SpanID] in
            guard case .traces(let traces)? = request.payload else { return [] }
            return traces.spans.map(\.spanID)
        }
        guard Set(ids).count == evidence.spans else { return .fail("\(Set(ids).count) of \(evidence.spans) spans arrived") }
        guard ids.count == evidence.spans else { return .fail("\(evidence.spans) spans arrived \(ids.count) times in all: some were exported twice") }
        let contentType = run.requests[0].header("content-type") ?? ""
        return .pass("\(expectedPath), \(contentType), \(evidence.spans) spans in \(run.requests.count) request\(run.requests.count == 1 ? "" : "s")")
    }

    static let jsonHexIDs = ExporterCase(
        "json-hex-ids",
        requirement: "OTLP/JSON: trace and span ids as hex strings, enums as integers",
        transports: [.httpJSON]
    ) { evidence in
        let run = evidence.run
        guard let request = run.requests.first else { return .fail("no request arrived\(ended(run))") }
        if let error = request.decodingError { return .fail("the body is not OTLP/JSON: \(error)") }
        let deviations = run.requests.flatMap(\.deviations).map { "\($0)" }
        guard let first = deviations.first else { return .pass("hex ids; the strict OTLP/JSON mapping accepts the body") }
        return .fail("\(deviations.count) deviation\(deviations.count == 1 ? "" : "s") from OTLP/JSON, the first: \(first)")
    }

    static let gzip = ExporterCase(
        "gzip",
        requirement: "OTEL_EXPORTER_OTLP_COMPRESSION=gzip compresses the body (Content-Encoding / grpc-encoding: gzip)",
        environment: ["OTEL_EXPORTER_OTLP_COMPRESSION": "gzip"]
    ) { evidence in
        let run = evidence.run
        guard let request = run.requests.first else { return .fail("no request arrived\(ended(run))") }
        guard request.contentEncoding == "gzip" else {
            return .fail(
                "sent uncompressed (\(request.contentEncoding.map { "encoding \($0)" } ?? "no content encoding"), \(request.bodySize) bytes)"
            )
        }
        guard run.deliveredSpans == evidence.spans else { return .fail("compressed, but \(run.deliveredSpans) of \(evidence.spans) spans arrived") }
        return .pass("gzip, \(request.bodySize) bytes" + (request.decompressedSize.map { " for \($0)" } ?? ""))
    }

    static let headers = ExporterCase(
        "headers",
        requirement: "OTEL_EXPORTER_OTLP_HEADERS (W3C baggage format, values percent-decoded) is sent with every request",
        environment: ["OTEL_EXPORTER_OTLP_HEADERS": "x-conformance-case=headers,authorization=Bearer%20conformance-token"]
    ) { evidence in
        let run = evidence.run
        guard let request = run.requests.first else { return .fail("no request arrived\(ended(run))") }
        let custom = request.header("x-conformance-case")
        let authorization = request.header("authorization")
        guard custom == "headers", let authorization else {
            return .fail("headers missing: x-conformance-case=\(custom ?? "absent"), authorization=\(authorization ?? "absent")")
        }
        guard authorization == "Bearer conformance-token" else {
            return .fail("authorization arrived as `\(authorization)`: the value was not percent-decoded")
        }
        return .pass("both headers arrived, the value percent-decoded")
    }

    static let userAgent = ExporterCase(
        "user-agent",
        requirement: "a User-Agent naming the exporter, its language and version (OTel-OTLP-Exporter-Language/1.2.3)"
    ) { evidence in
        let run = evidence.run
        guard let request = run.requests.first else { return .fail("no request arrived\(ended(run))") }
        guard let agent = request.userAgent else { return .fail("no User-Agent") }
        let product = agent.split(separator: " ").first.map(String.init) ?? ""
        let parts = product.split(separator: "/", maxSplits: 1)
        guard product.hasPrefix("OTel-OTLP-"), product.contains("Exporter-"), parts.count == 2, parts[1].first?.isNumber == true else {
            return .fail("User-Agent `\(agent)` does not name the exporter as OTel-OTLP-Exporter-Language/version")
        }
        return .pass("`\(agent)`")
    }

    // MARK: HTTP retries

    static func retryHTTP(_ status: Int) -> ExporterCase {
        ExporterCase(
            "retry-\(status)",
            requirement: "HTTP \(status) is retried with backoff",
            transports: http,
            faults: onFirstAttempt(.status(httpStatus: status))
        ) { retried($0, what: "HTTP \(status)") }
    }

    static func noRetryHTTP(_ status: Int) -> ExporterCase {
        ExporterCase(
            "no-retry-\(status)",
            requirement: "HTTP \(status) is not retried (only 429, 502, 503 and 504 are)",
            transports: http,
            faults: onFirstAttempt(.status(httpStatus: status))
        ) { notRetried($0) }
    }

    static let retryAfterSeconds = ExporterCase(
        "retry-after-seconds",
        requirement: "503 with Retry-After: 3 is retried no sooner than 3 s later",
        transports: http,
        faults: onFirstAttempt(.status(httpStatus: 503, retryAfter: .seconds(3)))
    ) { waited($0, minimum: 2.9, asked: "Retry-After: 3") }

    static let retryAfterHTTPDate = ExporterCase(
        "retry-after-http-date",
        requirement: "503 with Retry-After as an HTTP-date 4 s ahead is retried no sooner than that date",
        transports: http,
        faults: onFirstAttempt(.status(httpStatus: 503, retryAfter: .httpDateAfter(.seconds(4))))
    ) { waited($0, minimum: 2.9, asked: "the Retry-After HTTP-date (whole seconds, so 3 to 4 s)") }

    // MARK: gRPC retries

    static func retryGRPC(_ code: OTLPStatusCode) -> ExporterCase {
        ExporterCase(
            "retry-grpc-\(code)",
            requirement: "gRPC \(code) is retried (a retryable code)",
            transports: [.grpc],
            faults: onFirstAttempt(.grpcStatus(code))
        ) { retried($0, what: "\(code)") }
    }

    static func noRetryGRPC(_ code: OTLPStatusCode) -> ExporterCase {
        ExporterCase(
            "no-retry-grpc-\(code)",
            requirement: code == .resourceExhausted ? "gRPC resourceExhausted without RetryInfo is not retried" : "gRPC \(code) is not retried",
            transports: [.grpc],
            faults: onFirstAttempt(.grpcStatus(code))
        ) { notRetried($0) }
    }

    static let resourceExhaustedWithRetryInfo = ExporterCase(
        "retry-grpc-resourceExhausted-retry-info",
        requirement: "gRPC resourceExhausted with RetryInfo (3 s) is retried no sooner than the delay",
        transports: [.grpc],
        faults: onFirstAttempt(.grpcStatus(.resourceExhausted, retryDelay: .seconds(3)))
    ) { waited($0, minimum: 2.9, asked: "RetryInfo") }

    // MARK: Both transports

    static let noRetryPartialSuccess = ExporterCase(
        "no-retry-partial-success",
        requirement: "a partial success (rejected spans) is not retried",
        faults: { FaultPlan([FaultRule(.partialSuccess(rejected: 1, message: "one span rejected by the conformance battery"), on: [.traces])]) }
    ) { notRetried($0) }

    static let retryDroppedConnection = ExporterCase(
        "retry-dropped-connection",
        requirement: "a request whose connection closes without an answer is retried",
        faults: onFirstAttempt(.closeConnection(.afterHeaders))
    ) { retried($0, what: "the dropped request was") }

    static let backoffJitter = ExporterCase(
        "backoff-jitter",
        requirement:
            "retries back off exponentially (the second wait longer than the first, on average), with jitter (waits vary by 3 % or more; twelve runs, two failures each)",
        faults: { FaultPlan([FaultRule(.status(httpStatus: 503), on: [.traces], when: .attempts(1...2))]) },
        runs: 12
    ) { evidence in
        let gaps = evidence.runs.map(\.retryWaits)
        guard gaps.allSatisfy({ $0.count >= 2 }) else {
            return .fail(
                "not retried twice in every run (requests per run: \(evidence.runs.map(\.requests.count).map(String.init).joined(separator: ", ")))"
            )
        }
        let first = gaps.map { $0[0] }
        let second = gaps.map { $0[1] }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        let waits =
            "first waits \(first.map { String(format: "%.2f", $0) }.joined(separator: "/")) s (mean \(seconds(mean(first)))), second mean \(seconds(mean(second))) (×\(String(format: "%.2f", mean(second) / max(mean(first), 0.001))))"
        guard mean(first) >= 0.1 else { return .fail("retries without backing off: \(waits)") }
        guard let low = first.min(), let high = first.max(), (high - low) / mean(first) >= 0.03 else { return .fail("no jitter: \(waits)") }
        guard mean(second) > mean(first) else { return .fail("the backoff does not grow: \(waits)") }
        return .pass(waits)
    }

    static let timeout = ExporterCase(
        "timeout",
        requirement: "OTEL_EXPORTER_OTLP_TIMEOUT=2000 (milliseconds) bounds an export: the run ends within 6 s against a receiver that never answers",
        faults: { FaultPlan([FaultRule(.stall(limit: .seconds(60)), on: [.traces])]) },
        environment: ["OTEL_EXPORTER_OTLP_TIMEOUT": "2000"],
        deadline: .seconds(20)
    ) { evidence in
        let run = evidence.run
        let took = run.outcome.took / .seconds(1)
        guard !run.requests.isEmpty else { return .fail("no request arrived\(ended(run))") }
        if run.outcome.timedOut {
            return .fail(
                "still running when stopped at the deadline (\(seconds(took))), after \(run.requests.count) attempt(s): the 2000 ms timeout was not applied"
            )
        }
        return took <= 6
            ? .pass("gave up and exited after \(seconds(took)), \(run.requests.count) attempt(s)")
            : .fail("exited after \(seconds(took)) (\(run.requests.count) attempts); a 2 s timeout should end it within 6 s")
    }

    static let flushWhileRefused = ExporterCase(
        "flush-while-refused",
        requirement: "with the receiver refusing connections, flush and shutdown end within 15 s (the 10 s default timeout + 5 s)",
        receiverState: .refusing,
        deadline: .seconds(45)
    ) { bounded($0, condition: "refusing connections") }

    static let flushWhileStalled = ExporterCase(
        "flush-while-stalled",
        requirement: "with the receiver taking requests but never answering them, flush and shutdown end within 15 s",
        faults: { FaultPlan([FaultRule(.stall(limit: .seconds(120)), on: [.traces])]) },
        deadline: .seconds(45)
    ) { bounded($0, condition: "never answering") }

    static let flushWhileTCPBlackHole = ExporterCase(
        "flush-while-tcp-black-hole",
        requirement: "with a TCP black hole in the receiver's place (connections accepted, nothing answered), flush and shutdown end within 15 s",
        receiverState: .tcpBlackHole,
        deadline: .seconds(45)
    ) { bounded($0, condition: "a TCP black hole") }

    static func bounded(_ evidence: CaseEvidence, condition: String) -> CaseVerdict {
        let run = evidence.run
        let took = run.outcome.took / .seconds(1)
        let place = condition.hasPrefix("a ") ? "with \(condition) for a receiver" : "with the receiver \(condition)"
        if run.outcome.timedOut { return .fail("had not exited \(seconds(took)) after it started, \(place)") }
        return took <= 15
            ? .pass("exited after \(seconds(took)) \(place)")
            : .fail("exited after \(seconds(took)) \(place); the bound is 15 s")
    }
}
