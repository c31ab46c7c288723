public import AsyncHTTPClient
public import Foundation
public import HarnessSupport
import NIOCore
import NIOHTTP1
public import StackConfiguration
public import TelemetryModel

/// One request the scenarios sent, in a trace of its own that this side started.
public struct SentRequest: Sendable {
    /// The request's name in the stack file.
    public var name: String
    /// The trace the request's `traceparent` header started.
    public var traceID: TraceID
    /// The caller's span: the parent the first service's server span must name.
    public var parentSpanID: SpanID
    /// The status it was answered with.
    public var status: UInt
    /// When it was sent.
    public var sentAt: Date
}

/// Sends the stack file's named requests to the services, each under a W3C `traceparent` of a
/// new trace, so that what the services report can be told apart request by request.
public struct TrafficSender: Sendable {
    /// Where each service answers.
    public var serviceURLs: [String: String]
    /// The client (untraced, so that the header sent is this sender's own).
    public var client: HTTPClient
    /// Where the traces it starts are noted.
    public var ledger: TraceLedger?

    /// A sender to the services at `serviceURLs`.
    public init(serviceURLs: [String: String], client: HTTPClient, ledger: TraceLedger? = nil) {
        self.serviceURLs = serviceURLs
        self.client = client
        self.ledger = ledger
    }

    /// Sends `request` once.
    ///
    /// - Throws: ``ScenarioFailure`` naming the request when it cannot be sent or is answered with
    ///   another status than expected (any 2xx when the file expects none).
    @discardableResult
    public func send(_ request: TrafficRequest, traced: Bool = true) async throws -> SentRequest {
        let base = try url(of: request)
        var generator = SystemRandomNumberGenerator()
        let traceID = TraceID(high: generator.next(), low: generator.next() | 1)
        let parent = SpanID(generator.next() | 1)
        var outgoing = HTTPClientRequest(url: base + request.path)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) { outgoing.headers.add(name: name, value: value) }
        if traced {
            outgoing.headers.replaceOrAdd(name: "traceparent", value: "00-\(traceID.hex)-\(parent.hex)-01")
            ledger?.record(traceID)
        }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(string: body)) }
        let sentAt = Date()
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(outgoing, timeout: .seconds(30))
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw ScenarioFailure("\(request.method) \(base)\(request.path) (request \(request.name)) failed: \(error)")
        }
        let code = response.status.code
        let accepted = request.expectedStatus.map { UInt($0) == code } ?? (200..<300).contains(code)
        guard accepted else {
            throw ScenarioFailure(
                "\(request.method) \(base)\(request.path) (request \(request.name)) answered \(code)"
                    + (request.expectedStatus.map { ", not \($0)" } ?? "") + ": \(String(buffer: body).prefix(300))"
            )
        }
        return SentRequest(name: request.name, traceID: traceID, parentSpanID: parent, status: code, sentAt: sentAt)
    }

    /// Sends every request of `traffic` as many times as its `count` says.
    public func sendAll(_ traffic: [TrafficRequest]) async throws {
        for request in traffic {
            for _ in 0..<request.count { try await send(request) }
        }
    }

    /// The load generator's form of `request` against its service.
    public func load(_ request: TrafficRequest, rate: Double) throws -> HTTPLoad {
        let base = try url(of: request)
        return HTTPLoad(
            url: base,
            request: HTTPLoad.Request(
                method: request.method,
                path: request.path,
                body: request.body,
                headers: request.headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
            ),
            mode: .openLoop(rate: rate)
        )
    }

    /// Where `request`'s service answers.
    private func url(of request: TrafficRequest) throws -> String {
        guard let base = serviceURLs[request.service] else {
            throw ScenarioFailure("request \(request.name) goes to service \(request.service), which this stack does not run")
        }
        return base
    }
}
