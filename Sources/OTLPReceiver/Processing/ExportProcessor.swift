import Foundation
import NIOCore
import OTLPWire
import TelemetryModel

/// One export request, as a transport hands it over: size-checked, still compressed when it
/// came gzip-compressed over HTTP.
struct IncomingExport: Sendable {
    var signal: OTLPSignal
    var transport: ReceivedRequest.Transport
    var path: String
    var headers: [(name: String, value: String)]
    var encoding: ReceivedRequest.Encoding
    var contentEncoding: String?
    /// The body as received.
    var body: ByteBuffer
    /// What `body` is compressed with, to inflate it before decoding: HTTP's
    /// `Content-Encoding: gzip`, a gRPC message's `gzip` or `deflate`.
    var compression: GzipBody.Format?
    /// The request's share of the limits on work in flight, held until it is answered.
    var admission: AdmissionControl.Admission?
    /// The ticket under which the transport releases a stalled answer when its client gives up,
    /// when its connection handler parked no decision (gRPC).
    var stallTicket: UInt64?
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
    /// Where bodies are inflated and decoded, off the cooperative pool.
    let pool: DecodingPool
    /// The limits on requests and bytes in flight.
    let admission: AdmissionControl

    /// Decodes `export`, records it and says what to answer.
    func process(_ export: IncomingExport) async -> ExportAnswer {
        var decodedBytes = 0
        let answer = await answer(export, decodedBytes: &decodedBytes)
        // The decoded telemetry of a large body is freed by now, but glibc keeps the memory of its
        // arenas resident: a receiver that decoded a few large requests would stay at that
        // high-water mark, beside a store filling up to its cap.
        if decodedBytes >= Self.largeBodyBytes { await pool.run { FreedMemory.giveBack() } }
        // Only now is what the request held in flight gone: counted until here, the store makes
        // room for it. (Given back when the request was recorded, the decoded telemetry and the
        // body, still resident until this point, let the process pass the byte cap by a few
        // large requests' worth.)
        export.admission?.releaseBytes()
        return answer
    }

    /// A body from which size on its decoding's memory is given back to the system afterwards.
    static let largeBodyBytes = 8 << 20

    private func answer(_ export: IncomingExport, decodedBytes: inout Int) async -> ExportAnswer {
        var export = export
        let (fault, ticket) = decision(for: &export.headers, signal: export.signal)
        var request = newRequest(
            export.signal,
            transport: export.transport,
            path: export.path,
            headers: export.headers,
            encoding: export.encoding,
            contentEncoding: export.contentEncoding,
            bodySize: export.body.readableBytes,
            decompressedSize: nil,
            outcome: .accepted
        )
        let unpacked = await unpack(export)
        decodedBytes = unpacked.encoded?.bytes.count ?? 0
        // Recorded with its telemetry kept as the body it decoded from (none when it was refused):
        // the copy kept moves from the bytes in flight to the store's, the rest stays in flight
        // until the decoded telemetry and the body are freed (see `process`).
        func keep(_ request: ReceivedRequest) {
            export.admission?.hold(-(unpacked.encoded?.bytes.count ?? 0))
            store.record(request, encodedAs: unpacked.encoded, inFlightBytes: admission.totalBytes)
        }
        request.decompressedSize = unpacked.decompressedSize
        switch unpacked.result {
        case .success(let decoded):
            request.payload = decoded.value
            request.deviations = decoded.deviations
        case .failure(let refusal):
            request.decodingError = refusal.decodingError
            request.outcome = .rejected(httpStatus: refusal.httpStatus, status: refusal.status)
            keep(request)
            return .failure(httpStatus: refusal.httpStatus, status: refusal.status, retryAfter: refusal.retryAfter)
        }
        switch fault {
        case nil:
            keep(request)
            return .success(OTLPExportResponse(signal: export.signal))
        case .partialSuccess(let rejected, let message)?:
            request.outcome = .partiallyAccepted(rejected: rejected, message: message)
            keep(request)
            return .success(OTLPExportResponse(signal: export.signal, rejectedCount: rejected, errorMessage: message))
        case .delay(let delay, let jitter)?:
            let extra = jitter > .zero ? Duration.nanoseconds(Int64.random(in: 0...jitter.nanoseconds)) : .zero
            try? await Task.sleep(for: delay + extra)  // the injected delay itself
            keep(request)
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
            keep(request)
            return .failure(httpStatus: httpStatus, status: status, retryAfter: retryAfter?.headerValue)
        case .grpcStatus(let code, let message, let retryDelay)?:
            let status = OTLPStatus(code: code, message: message, retryDelay: retryDelay)
            let httpStatus = Self.httpStatus(forGRPCCode: code)
            request.outcome = .rejected(httpStatus: httpStatus, status: status)
            keep(request)
            return .failure(
                httpStatus: httpStatus,
                status: status,
                retryAfter: retryDelay.map { String(Int(($0 / .seconds(1)).rounded(.up))) }
            )
        case .stall(let limit)?:
            request.outcome = .dropped(reason: "stalled for up to \(limit)")
            keep(request)
            await stalls.hold(upTo: limit, ticket: ticket ?? export.stallTicket)
            let status = OTLPStatus(code: .unavailable, message: "stalled answer released")
            return .failure(httpStatus: 503, status: status, retryAfter: nil)
        case .garbageBody?:
            request.outcome = .dropped(reason: "answered with a garbage body")
            keep(request)
            return .garbage(Data([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x2A]))
        case .closeConnection?:
            // Reached only by gRPC: HTTP connections are closed before the request gets here.
            // A gRPC client sees a connection dropped mid-call as UNAVAILABLE.
            let status = OTLPStatus(code: .unavailable, message: "connection closed")
            request.outcome = .dropped(reason: "connection closed")
            keep(request)
            return .failure(httpStatus: 503, status: status, retryAfter: nil)
        }
    }

    /// Inflates and decodes `export` on the pool: a small body on the quick lane first, moved to
    /// the heavy lane when it inflates past what the quick lane does. Decoded or refused, its
    /// bytes stay counted in flight until it is recorded.
    private func unpack(_ export: IncomingExport) async -> ExportDecoding.Unpacked {
        let (limit, jsonMode) = (configuration.maximumRequestBodySize, configuration.jsonMode)
        let quickLimit = min(limit, DecodingPool.quickBytes)
        if export.body.readableBytes <= DecodingPool.quickBytes {
            let attempt = await pool.runQuickly { ExportDecoding.decode(export, limit: quickLimit, jsonMode: jsonMode) }
            guard case .failure(.tooLarge) = attempt.result, quickLimit < limit else { return attempt }
        }
        return await pool.run { ExportDecoding.decode(export, limit: limit, jsonMode: jsonMode) }
    }

    /// The request's fault decision: the one its connection handler took and parked (with its
    /// ticket), or a new one for requests that came another way.
    func decision(for headers: inout [(name: String, value: String)], signal: OTLPSignal) -> (fault: Fault?, ticket: UInt64?) {
        if let claimed = claimParkedDecision(&headers) { return (claimed.0, claimed.1) }
        return (faults.fault(for: signal, session: session(in: headers)), nil)
    }

    /// The value of the session header among `headers`, if any.
    private func session(in headers: [(name: String, value: String)]) -> String? {
        let name = configuration.sessionHeader.lowercased()
        return headers.first { $0.name == name }?.value
    }

    /// The decision parked for this request and its ticket, removing the ticket header from what
    /// is recorded; `nil` when the request carries no ticket.
    private func claimParkedDecision(_ headers: inout [(name: String, value: String)]) -> (Fault?, UInt64?)? {
        guard let index = headers.firstIndex(where: { $0.name == FaultInjector.decisionHeader }) else { return nil }
        let ticket = UInt64(headers.remove(at: index).value)
        return (ticket.flatMap { faults.claim($0) } ?? nil, ticket)
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
            headerSession: session(in: headers),
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
