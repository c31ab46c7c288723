import Foundation
import OTLPWire
import TelemetryModel

/// One export request, as a transport hands it over: already decompressed and size-checked.
struct IncomingExport: Sendable {
    var signal: OTLPSignal
    var transport: ReceivedRequest.Transport
    var path: String
    var headers: [(name: String, value: String)]
    var encoding: ReceivedRequest.Encoding
    var contentEncoding: String?
    var body: Data
    var bodySize: Int
    var decompressedSize: Int?
}

/// What a transport must answer.
enum ExportAnswer: Sendable {
    /// 200 / OK with this response body.
    case success(OTLPExportResponse)
    /// A failure: the HTTP status, the `google.rpc.Status`, and a `Retry-After` value for HTTP.
    case failure(httpStatus: Int, status: OTLPStatus, retryAfter: String?)
    /// 200 / OK with bytes that are not a response message (a fault).
    case garbage(Data)
}

/// Decodes, records and answers export requests, whatever transport they came by.
struct ExportProcessor: Sendable {
    let configuration: OTLPReceiverConfiguration
    let store: ReceivedTelemetryStore
    let faults: FaultInjector
    let stalls: StallRelease

    func process(_ export: IncomingExport) async -> ExportAnswer {
        var export = export
        let fault = decision(for: &export.headers, signal: export.signal)
        var request = newRequest(
            export.signal,
            transport: export.transport,
            path: export.path,
            headers: export.headers,
            encoding: export.encoding,
            contentEncoding: export.contentEncoding,
            bodySize: export.bodySize,
            decompressedSize: export.decompressedSize,
            outcome: .accepted
        )
        do {
            switch export.encoding {
            case .protobuf:
                request.payload = try OTLPPayload.decodeProtobuf(export.signal, from: export.body)
            case .json:
                let decoded = try OTLPPayload.decodeJSON(
                    export.signal,
                    from: export.body,
                    using: OTLPJSONDecoder(mode: configuration.jsonMode)
                )
                request.payload = decoded.value
                request.deviations = decoded.deviations
            }
        } catch {
            let status = OTLPStatus(code: .invalidArgument, message: error.description)
            request.decodingError = error
            request.outcome = .rejected(httpStatus: 400, status: status)
            store.record(request)
            return .failure(httpStatus: 400, status: status, retryAfter: nil)
        }
        switch fault {
        case nil:
            store.record(request)
            return .success(OTLPExportResponse(signal: export.signal))
        case .partialSuccess(let rejected, let message)?:
            request.outcome = .partiallyAccepted(rejected: rejected, message: message)
            store.record(request)
            return .success(OTLPExportResponse(signal: export.signal, rejectedCount: rejected, errorMessage: message))
        case .delay(let delay, let jitter)?:
            let extra = jitter > .zero ? Duration.nanoseconds(Int64.random(in: 0...jitter.nanoseconds)) : .zero
            try? await Task.sleep(for: delay + extra)  // the injected delay itself
            store.record(request)
            return .success(OTLPExportResponse(signal: export.signal))
        case .status(var httpStatus, var message, let retryAfter)?:
            if !(100...599).contains(httpStatus) {
                // HTTP has no such status; answering one would trap in the HTTP layer.
                message = "fault plan asked for HTTP status \(httpStatus), which does not exist; answered 500"
                httpStatus = 500
            }
            let status = OTLPStatus(
                code: Self.grpcCode(forHTTPStatus: httpStatus),
                message: message,
                retryDelay: retryAfter?.delay(from: Date())
            )
            request.outcome = .rejected(httpStatus: httpStatus, status: status)
            store.record(request)
            return .failure(httpStatus: httpStatus, status: status, retryAfter: retryAfter?.headerValue)
        case .grpcStatus(let code, let message, let retryDelay)?:
            let status = OTLPStatus(code: code, message: message, retryDelay: retryDelay)
            let httpStatus = Self.httpStatus(forGRPCCode: code)
            request.outcome = .rejected(httpStatus: httpStatus, status: status)
            store.record(request)
            return .failure(
                httpStatus: httpStatus,
                status: status,
                retryAfter: retryDelay.map { String(Int(($0 / .seconds(1)).rounded(.up))) }
            )
        case .stall(let limit)?:
            request.outcome = .dropped(reason: "stalled for up to \(limit)")
            store.record(request)
            await stalls.hold(upTo: limit)
            let status = OTLPStatus(code: .unavailable, message: "stalled answer released")
            return .failure(httpStatus: 503, status: status, retryAfter: nil)
        case .garbageBody?:
            request.outcome = .dropped(reason: "answered with a garbage body")
            store.record(request)
            return .garbage(Data([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x2A]))
        case .closeConnection?:
            // Reached only by gRPC: HTTP connections are closed before the request gets here.
            // A gRPC client sees a connection dropped mid-call as UNAVAILABLE.
            let status = OTLPStatus(code: .unavailable, message: "connection closed")
            request.outcome = .dropped(reason: "connection closed")
            store.record(request)
            return .failure(httpStatus: 503, status: status, retryAfter: nil)
        }
    }

    /// The request's fault decision: the one its connection handler took and parked, or a new
    /// one for requests that came another way.
    func decision(for headers: inout [(name: String, value: String)], signal: OTLPSignal) -> Fault? {
        claimParkedDecision(&headers) ?? faults.fault(for: signal)
    }

    /// The decision parked for this request, removing its ticket header from what is recorded;
    /// `nil` when the request carries no ticket.
    private func claimParkedDecision(_ headers: inout [(name: String, value: String)]) -> Fault?? {
        guard let index = headers.firstIndex(where: { $0.name == FaultInjector.decisionHeader }) else { return nil }
        let ticket = UInt64(headers.remove(at: index).value)
        return .some(ticket.flatMap { faults.claim($0) } ?? nil)
    }

    /// Records an export request that was answered before its body was decoded: refused for its
    /// content type, encoding or size, or dropped with its connection.
    func recordUnprocessed(
        _ signal: OTLPSignal,
        transport: ReceivedRequest.Transport,
        path: String,
        headers: [(name: String, value: String)],
        bodySize: Int,
        outcome: ReceivedRequest.Outcome
    ) {
        var headers = headers
        // Refused before its decision could apply: the attempt counts, the decision is dropped.
        _ = claimParkedDecision(&headers)
        store.record(
            newRequest(
                signal,
                transport: transport,
                path: path,
                headers: headers,
                encoding: nil,
                contentEncoding: headers.first { $0.name == "content-encoding" }?.value,
                bodySize: bodySize,
                decompressedSize: nil,
                outcome: outcome
            )
        )
    }

    /// A request record stamped with its arrival and sequence number, not yet decoded.
    private func newRequest(
        _ signal: OTLPSignal,
        transport: ReceivedRequest.Transport,
        path: String,
        headers: [(name: String, value: String)],
        encoding: ReceivedRequest.Encoding?,
        contentEncoding: String?,
        bodySize: Int,
        decompressedSize: Int?,
        outcome: ReceivedRequest.Outcome
    ) -> ReceivedRequest {
        ReceivedRequest(
            sequenceNumber: store.nextSequenceNumber(),
            transport: transport,
            signal: signal,
            path: path,
            headers: headers,
            encoding: encoding,
            contentEncoding: contentEncoding,
            bodySize: bodySize,
            decompressedSize: decompressedSize,
            arrivalTimeUnixNano: UInt64(Date().timeIntervalSince1970 * 1e9),
            arrival: ContinuousClock.now,
            headerSession: headers.first { $0.name == configuration.sessionHeader.lowercased() }?.value,
            payload: nil,
            deviations: [],
            decodingError: nil,
            outcome: outcome
        )
    }

    /// The gRPC code an HTTP status stands for (gRPC's HTTP mapping; 400 as OTLP means it).
    static func grpcCode(forHTTPStatus status: Int) -> OTLPStatusCode {
        switch status {
        case 400: .invalidArgument
        case 401: .unauthenticated
        case 403: .permissionDenied
        case 404: .unimplemented
        case 413: .resourceExhausted
        case 429, 502, 503, 504: .unavailable
        default: .unknown
        }
    }

    /// The HTTP status a gRPC code stands for.
    static func httpStatus(forGRPCCode code: OTLPStatusCode) -> Int {
        switch code {
        case .invalidArgument, .outOfRange, .failedPrecondition: 400
        case .unauthenticated: 401
        case .permissionDenied: 403
        case .notFound, .unimplemented: 404
        case .resourceExhausted: 429
        case .unavailable: 503
        case .deadlineExceeded: 504
        default: 500
        }
    }
}

extension Duration {
    /// Whole nanoseconds, saturating at `Int64.max` for durations beyond about 292 years.
    var nanoseconds: Int64 {
        let (seconds, overflow) = components.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : seconds.addingReportingOverflow(components.attoseconds / 1_000_000_000).partialValue
    }
}
