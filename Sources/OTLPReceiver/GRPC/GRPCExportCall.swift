import Foundation
import NIOCore
import OTLPWire

/// One OTLP/gRPC `Export` call, received whole: its one request message and what came with it.
struct GRPCExportCall: Sendable {
    var signal: OTLPSignal
    /// `/opentelemetry.proto.collector.trace.v1.TraceService/Export` and the like.
    var path: String
    /// Every header of the call as sent (pseudo-headers included), names in lowercase.
    var headers: [(name: String, value: String)]
    /// The message's `grpc-encoding`, when its compressed flag was set.
    var compression: GRPCWire.Compression
    /// The request message, without its 5-byte prefix (still compressed when `compression` says so).
    var message: ByteBuffer
    /// The ticket under which the call's stream releases a stalled answer when its client gives up.
    var stallTicket: UInt64
    /// The call's share of the limits on work in flight, taken when its message's prefix declared
    /// the length, before the message was buffered.
    var admission: AdmissionControl.Admission?

    /// How a call is answered.
    enum Answer: Sendable {
        /// OK, with this response message.
        case message(Data)
        /// A failure: the status (with `RetryInfo` when the client should retry after a delay).
        case status(OTLPStatus)
    }
}

extension ExportProcessor {
    /// Decodes, records and answers `call`, admitted under the limits on work in flight when its
    /// message was announced (here, for a call that comes without its admission).
    func answer(_ call: GRPCExportCall) async -> GRPCExportCall.Answer {
        let admission: AdmissionControl.Admission
        switch call.admission.map(Result.success) ?? self.admission.admit(reserving: call.message.readableBytes) {
        case .success(let admitted): admission = admitted
        case .failure(let refusal): return refuse(call, refusal)
        }
        let answer = await process(
            IncomingExport(
                signal: call.signal,
                transport: .grpc,
                path: call.path,
                headers: call.headers,
                encoding: .protobuf,
                contentEncoding: call.headers.first { $0.name == "grpc-encoding" }?.value,
                body: call.message,
                compression: call.compression.format,
                admission: admission,
                stallTicket: call.stallTicket
            )
        )
        // The request counts as in flight until it is answered (a stalled answer included).
        withExtendedLifetime(admission) {}
        switch answer {
        case .success(let response): return .message(response.protobuf)
        case .failure(_, let status, _): return .status(status)
        case .garbage(let bytes): return .message(bytes)
        }
    }

    /// Records `call`, answered before it was decoded with `status` (as `httpStatus` over
    /// HTTP), and returns that answer. `bodySize` is the message's size, when it was refused
    /// before it arrived whole.
    func refuse(_ call: GRPCExportCall, status: OTLPStatus, httpStatus: Int, bodySize: Int? = nil) -> GRPCExportCall.Answer {
        recordUnprocessed(
            call.signal,
            transport: .grpc,
            path: call.path,
            headers: call.headers,
            bodySize: bodySize ?? call.message.readableBytes,
            outcome: .rejected(httpStatus: httpStatus, status: status)
        )
        return .status(status)
    }

    /// Records `call`, refused for the limits on work in flight (RESOURCE_EXHAUSTED with
    /// `RetryInfo`, which an OTLP exporter retries after the delay), and returns that answer.
    func refuse(_ call: GRPCExportCall, _ refusal: AdmissionControl.Refusal, bodySize: Int? = nil) -> GRPCExportCall.Answer {
        refuse(call, status: refusal.status, httpStatus: refusal.httpStatus, bodySize: bodySize)
    }
}
