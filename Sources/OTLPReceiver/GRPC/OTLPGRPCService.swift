import Foundation
import GRPCCore
import NIOCore
import OTLPWire

/// The three OTLP/gRPC `Export` methods, registered with raw-bytes coding so that the receiver
/// decodes (and reports decoding errors with field paths) itself.
struct OTLPGRPCService: RegistrableRPCService {
    let processor: ExportProcessor

    private var limit: Int { processor.configuration.maximumRequestBodySize }

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        for signal in OTLPSignal.allCases {
            let method = MethodDescriptor(
                service: ServiceDescriptor(fullyQualifiedService: signal.grpcService),
                method: "Export"
            )
            router.registerHandler(
                forMethod: method,
                deserializer: RawBytesCoder(),
                serializer: RawBytesCoder()
            ) { request, _ in
                // grpc-swift cancels an RPC through its context, not by cancelling the handler's
                // task: a stalled answer is released under its ticket when the client gives up.
                // (An unstructured task cancelled from here cost a task and two thread hops per
                // request.)
                let ticket = processor.faults.newTicket()
                return try await withRPCCancellationHandler {
                    try await self.export(signal, method: method, request, stallTicket: ticket)
                } onCancelRPC: {
                    processor.stalls.release(ticket: ticket)
                }
            }
        }
    }

    private func export(
        _ signal: OTLPSignal,
        method: MethodDescriptor,
        _ request: StreamingServerRequest<ByteBuffer>,
        stallTicket: UInt64
    ) async throws -> StreamingServerResponse<ByteBuffer> {
        // Export is unary: one message. A second one is refused at once, before it is buffered.
        var body: ByteBuffer?
        for try await message in request.messages {
            guard body == nil else {
                throw RPCError(code: .invalidArgument, message: "Export is unary: expected 1 request message, got more")
            }
            body = message
        }
        guard let body else {
            throw RPCError(code: .invalidArgument, message: "Export is unary: expected 1 request message, got none")
        }
        let headers = request.metadata.map { element -> (name: String, value: String) in
            switch element.value {
            case .string(let text): (element.key.lowercased(), text)
            case .binary(let bytes): (element.key.lowercased(), Data(bytes).base64EncodedString())
            }
        }
        guard body.readableBytes <= limit else {
            let status = OTLPStatus(code: .resourceExhausted, message: "request message of \(body.readableBytes) bytes is larger than \(limit) bytes")
            processor.recordUnprocessed(
                signal,
                transport: .grpc,
                path: "/\(method.fullyQualifiedMethod)",
                headers: headers,
                bodySize: body.readableBytes,
                outcome: .rejected(httpStatus: 413, status: status)
            )
            throw status.googleRPCStatus
        }
        // Past the limits on work in flight: RESOURCE_EXHAUSTED with RetryInfo, which an OTLP
        // exporter retries after the delay.
        let admission: AdmissionControl.Admission
        switch processor.admission.admit() {
        case .success(let admitted):
            guard admitted.reserve(body.readableBytes) else {
                throw refuse(signal, admitted.bytesRefusal, method: method, headers: headers, bodySize: body.readableBytes)
            }
            admission = admitted
        case .failure(let refusal):
            throw refuse(signal, refusal, method: method, headers: headers, bodySize: body.readableBytes)
        }
        let answer = await processor.process(
            IncomingExport(
                signal: signal,
                transport: .grpc,
                path: "/\(method.fullyQualifiedMethod)",
                headers: headers,
                encoding: .protobuf,
                contentEncoding: headers.first { $0.name == "grpc-encoding" }?.value,
                body: body,
                admission: admission,
                stallTicket: stallTicket
            )
        )
        // The request counts as in flight until it is answered (a stalled answer included).
        withExtendedLifetime(admission) {}
        switch answer {
        case .success(let response):
            return StreamingServerResponse(single: ServerResponse(message: ByteBuffer(bytes: response.protobuf)))
        case .failure(_, let status, _):
            throw status.googleRPCStatus
        case .garbage(let bytes):
            return StreamingServerResponse(single: ServerResponse(message: ByteBuffer(bytes: bytes)))
        }
    }
}

extension OTLPGRPCService {
    /// Records a request refused for the limits on work in flight, and returns the status to throw.
    fileprivate func refuse(
        _ signal: OTLPSignal,
        _ refusal: AdmissionControl.Refusal,
        method: MethodDescriptor,
        headers: [(name: String, value: String)],
        bodySize: Int
    ) -> any Error {
        processor.recordUnprocessed(
            signal,
            transport: .grpc,
            path: "/\(method.fullyQualifiedMethod)",
            headers: headers,
            bodySize: bodySize,
            outcome: .rejected(httpStatus: refusal.httpStatus, status: refusal.status)
        )
        return refusal.status.googleRPCStatus
    }
}

/// Passes message bytes through untouched, copied once into the buffer the receiver decodes from.
struct RawBytesCoder: MessageSerializer, MessageDeserializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: ByteBuffer) throws -> Bytes {
        message.withUnsafeReadableBytes { Bytes($0) }
    }

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> ByteBuffer {
        serializedMessageBytes.withUnsafeBytes { ByteBuffer(bytes: $0) }
    }
}
