import NIOCore
import NIOHPACK
import NIOHTTP2
import OTLPWire

/// One HTTP/2 stream of the OTLP/gRPC endpoint: a unary `Export` call, received and answered on
/// its event loop; only decoding and recording leave it (to the ``DecodingPool``, through
/// ``ExportProcessor/answer(_:)``).
///
/// Besides the answers of ``ExportProcessor``, a call is refused here, before it is decoded:
/// - a content type other than `application/grpc` or `application/grpc+proto`: HTTP 415, as gRPC
///   servers answer;
/// - a method other than the three `Export` methods: UNIMPLEMENTED; not `POST`: INVALID_ARGUMENT;
/// - a `grpc-encoding` other than `identity`, `deflate` and `gzip`: UNIMPLEMENTED, with
///   `grpc-accept-encoding`;
/// - a message larger than ``OTLPReceiverConfiguration/maximumRequestBodySize`` (as its prefix
///   declares, before it is buffered): RESOURCE_EXHAUSTED, recorded;
/// - a message past the limits on work in flight (``AdmissionControl``, counted from its prefix,
///   before it is buffered): RESOURCE_EXHAUSTED with `RetryInfo`, recorded;
/// - none or more than one message, or a message cut short: INVALID_ARGUMENT;
/// - a request not received whole within ``OTLPReceiverConfiguration/requestReceiveTimeout``:
///   DEADLINE_EXCEEDED, recorded.
///
/// A call whose `grpc-timeout` passes before it is answered gets DEADLINE_EXCEEDED (recorded when
/// it passed before the call arrived whole); a call whose client resets the stream or drops the
/// connection is answered no more. Either way a stalled answer is released and the call's task is
/// cancelled (an injected delay ends early).
final class GRPCExportStreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    private enum State {
        /// Waiting for the request's headers.
        case idle
        /// Receiving the request message.
        case receiving(GRPCExportCall, GRPCMessageReader)
        /// Being decoded and answered by `task`, under this stall ticket.
        case processing(stallTicket: UInt64, task: Task<Void, Never>)
        /// Answered, or given up by its client: whatever arrives is dropped.
        case done
    }

    private let processor: ExportProcessor
    private let calls: GRPCCallsInFlight
    private var state = State.idle
    /// Whether the client has ended its side of the stream.
    private var requestEnded = false
    private var receiveDeadline: Scheduled<Void>?
    private var callDeadline: Scheduled<Void>?

    /// A handler for one stream; `calls` counts the calls being processed.
    init(processor: ExportProcessor, calls: GRPCCallsInFlight) {
        self.processor = processor
        self.calls = calls
    }

    /// Each method's path, `/opentelemetry.proto.collector.trace.v1.TraceService/Export` and the like.
    static let exportMethods: [String: OTLPSignal] = Dictionary(
        uniqueKeysWithValues: OTLPSignal.allCases.map { ("/\($0.grpcService)/Export", $0) }
    )

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .headers(let headers):
            if headers.endStream { requestEnded = true }
            if case .idle = state {
                receivedHead(headers.headers, endStream: headers.endStream, context: context)
            } else if headers.endStream {
                // Trailers from a client: only their end matters.
                receivedEnd(context: context)
            }
        case .data(let frame):
            if frame.endStream { requestEnded = true }
            guard case .receiving(var call, var reader) = state, case .byteBuffer(let bytes) = frame.data else { return }
            // The state lets go of the reader while it grows, so that its bytes are not copied.
            state = .idle
            let announced: Int?
            do throws(GRPCMessageReader.Failure) {
                announced = try reader.append(bytes)
            } catch {
                state = .receiving(call, reader)
                refuse(call, error, context: context)
                return
            }
            if let announced {
                // Past the limits on work in flight the call is refused before its message is
                // buffered: the bytes a client may make the receiver hold are bounded.
                switch processor.admission.admit(reserving: announced) {
                case .success(let admission):
                    call.admission = admission
                    reader.reserveRest()
                case .failure(let refusal):
                    state = .receiving(call, reader)
                    answer(processor.refuse(call, refusal, bodySize: announced), context: context)
                    return
                }
            }
            state = .receiving(call, reader)
            if frame.endStream { receivedEnd(context: context) }
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The client reset the stream or the connection went: no answer can reach it.
        abandonProcessing()
        state = .done
        cancelDeadlines()
        context.fireChannelInactive()
    }

    // MARK: Receiving

    private func receivedHead(_ headers: HPACKHeaders, endStream: Bool, context: ChannelHandlerContext) {
        guard let contentType = headers.first(name: "content-type"), GRPCWire.isGRPCContentType(contentType) else {
            answer(headers: [":status": "415"], context: context)
            return
        }
        let path = headers.first(name: ":path") ?? ""
        guard let signal = Self.exportMethods[path] else {
            answer(.status(OTLPStatus(code: .unimplemented, message: "unknown method \(path)")), context: context)
            return
        }
        guard headers.first(name: ":method") == "POST" else {
            answer(.status(OTLPStatus(code: .invalidArgument, message: ":method must be POST")), context: context)
            return
        }
        let encodings = headers[canonicalForm: "grpc-encoding"].map { String($0) }
        guard encodings.count <= 1 else {
            answer(.status(OTLPStatus(code: .internal, message: "grpc-encoding must have one value")), context: context)
            return
        }
        var compression = GRPCWire.Compression.identity
        if let name = encodings.first {
            guard let known = GRPCWire.Compression(rawValue: name.lowercased()) else {
                var refusal = GRPCWire.trailers(
                    OTLPStatus(
                        code: .unimplemented,
                        message: "\(name) compression is not supported; supported: \(GRPCWire.Compression.acceptEncoding)"
                    ),
                    trailersOnly: true
                )
                refusal.replaceOrAdd(name: "grpc-accept-encoding", value: GRPCWire.Compression.acceptEncoding)
                answer(headers: refusal, context: context)
                return
            }
            compression = known
        }
        let call = GRPCExportCall(
            signal: signal,
            path: path,
            headers: headers.map { (name: $0.name.lowercased(), value: $0.value) },
            compression: compression,
            message: ByteBuffer(),
            stallTicket: processor.faults.newTicket()
        )
        state = .receiving(call, GRPCMessageReader(limit: processor.configuration.maximumRequestBodySize))
        armDeadlines(timeout: headers.first(name: "grpc-timeout").flatMap(GRPCWire.timeout), context: context)
        if endStream { receivedEnd(context: context) }
    }

    private func receivedEnd(context: ChannelHandlerContext) {
        guard case .receiving(var call, let reader) = state else { return }
        receiveDeadline?.cancel()
        receiveDeadline = nil
        let message: GRPCMessageReader.Message
        do throws(GRPCMessageReader.Failure) {
            message = try reader.message()
        } catch {
            refuse(call, error, context: context)
            return
        }
        if message.compressed, call.compression == .identity {
            answer(.status(OTLPStatus(code: .internal, message: "compressed message without grpc-encoding")), context: context)
            return
        }
        if !message.compressed { call.compression = .identity }
        call.message = message.bytes
        let processor = processor
        let handler = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        let calls = calls
        calls.enter()
        let task = Task {
            defer { calls.leave() }
            let answer = await processor.answer(call)
            eventLoop.execute {
                let (handler, context) = handler.value
                handler.answer(answer, context: context)
            }
        }
        state = .processing(stallTicket: call.stallTicket, task: task)
    }

    /// Answers a call whose message could not be taken.
    private func refuse(_ call: GRPCExportCall, _ failure: GRPCMessageReader.Failure, context: ChannelHandlerContext) {
        let expected = "Export is unary: expected 1 request message"
        switch failure {
        case .tooLarge(let declared):
            let limit = processor.configuration.maximumRequestBodySize
            let status = OTLPStatus(code: .resourceExhausted, message: "request message of \(declared) bytes is larger than \(limit) bytes")
            answer(processor.refuse(call, status: status, httpStatus: 413, bodySize: declared), context: context)
        case .moreThanOneMessage:
            answer(.status(OTLPStatus(code: .invalidArgument, message: "\(expected), got more")), context: context)
        case .noMessage:
            answer(.status(OTLPStatus(code: .invalidArgument, message: "\(expected), got none")), context: context)
        case .truncated(let received, let total):
            let message =
                total.map { "the stream ended inside the request message, after \(received) of its \($0) bytes" }
                ?? "the stream ended inside the 5-byte prefix of the request message, after \(received) bytes"
            answer(.status(OTLPStatus(code: .invalidArgument, message: message)), context: context)
        }
    }

    // MARK: Deadlines

    private func armDeadlines(timeout: Duration?, context: ChannelHandlerContext) {
        let receiveTimeout = processor.configuration.requestReceiveTimeout
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        receiveDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: receiveTimeout.timeAmount) {
            guard case .receiving(let call, let reader) = handler.value.state else { return }
            let status = OTLPStatus(code: .deadlineExceeded, message: "the request was not received whole within \(receiveTimeout)")
            handler.value.answer(
                handler.value.processor.refuse(call, status: status, httpStatus: 408, bodySize: reader.receivedBytes),
                context: context
            )
        }
        guard let timeout else { return }
        callDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout.timeAmount) {
            let handler = handler.value
            let status = OTLPStatus(code: .deadlineExceeded, message: "the call's grpc-timeout of \(timeout) passed")
            if case .receiving(let call, let reader) = handler.state {
                // Not received whole: recorded here (once received, it is recorded as processed).
                handler.answer(handler.processor.refuse(call, status: status, httpStatus: 504, bodySize: reader.receivedBytes), context: context)
            } else {
                handler.abandonProcessing()
                handler.answer(.status(status), context: context)
            }
        }
    }

    /// Releases the call's stalled answer, if any, and cancels its task: nobody waits for it now.
    private func abandonProcessing() {
        guard case .processing(let ticket, let task) = state else { return }
        processor.stalls.release(ticket: ticket)
        task.cancel()
    }

    private func cancelDeadlines() {
        receiveDeadline?.cancel()
        callDeadline?.cancel()
        receiveDeadline = nil
        callDeadline = nil
    }

    // MARK: Answering

    private func answer(_ answer: GRPCExportCall.Answer, context: ChannelHandlerContext) {
        guard !isDone else { return }
        switch answer {
        case .message(let message):
            context.write(wrapOutboundOut(.headers(.init(headers: GRPCWire.responseHeaders))), promise: nil)
            context.write(
                wrapOutboundOut(.data(.init(data: .byteBuffer(GRPCWire.framed(message, allocator: context.channel.allocator))))),
                promise: nil
            )
            finish(with: GRPCWire.okTrailers, context: context)
        case .status(let status):
            finish(with: GRPCWire.trailers(status, trailersOnly: true), context: context)
        }
    }

    /// Answers with `headers` alone (an HTTP status, or a gRPC status in trailers only).
    private func answer(headers: HPACKHeaders, context: ChannelHandlerContext) {
        guard !isDone else { return }
        finish(with: headers, context: context)
    }

    private var isDone: Bool {
        if case .done = state { true } else { false }
    }

    /// Writes the answer's last block, ending the stream; when the client is still sending, the
    /// stream is then reset with NO_ERROR, which tells it to stop sending but keep the answer
    /// (RFC 9113, section 8.1).
    private func finish(with headers: HPACKHeaders, context: ChannelHandlerContext) {
        state = .done
        cancelDeadlines()
        let last = wrapOutboundOut(.headers(.init(headers: headers, endStream: true)))
        guard !requestEnded else {
            context.writeAndFlush(last, promise: nil)
            return
        }
        // The reset follows once the answer is out: sent with it, a reset would drop frames still
        // waiting for the client's flow-control window.
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(last, promise: written)
        written.futureResult.assumeIsolated().whenSuccess {
            context.writeAndFlush(self.wrapOutboundOut(.rstStream(.noError)), promise: nil)
        }
    }
}
