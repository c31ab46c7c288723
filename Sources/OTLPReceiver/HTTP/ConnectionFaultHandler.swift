import HTTPTypes
import NIOCore
import NIOHTTPTypes
import OTLPWire

/// Closes an HTTP/1.1 connection on purpose when a ``Fault/closeConnection(_:)`` fault picks
/// the request: right after its headers, or after the first part of its body. It sits in the
/// channel pipeline because a route handler cannot close its connection.
final class ConnectionFaultHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let faults: FaultInjector
    private let processor: ExportProcessor
    private var closeAfterBodyPart = false

    init(faults: FaultInjector, processor: ExportProcessor) {
        self.faults = faults
        self.processor = processor
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            closeAfterBodyPart = false
            if head.method == .post, let path = head.path, let signal = OTLPSignal(httpPath: path),
               let close = faults.connectionClose(for: signal) {
                let headers = head.headerFields.map { (name: $0.name.canonicalName.lowercased(), value: $0.value) }
                switch close {
                case .afterHeaders:
                    processor.recordUnprocessed(
                        signal, transport: .http1, path: path, headers: headers, bodySize: 0,
                        outcome: .dropped(reason: "connection closed after the headers"))
                    context.close(promise: nil)
                    return
                case .midBody:
                    processor.recordUnprocessed(
                        signal, transport: .http1, path: path, headers: headers, bodySize: 0,
                        outcome: .dropped(reason: "connection closed mid-body"))
                    closeAfterBodyPart = true
                    return  // the head goes no further: the request never reaches a handler
                }
            }
            context.fireChannelRead(data)
        case .body:
            if closeAfterBodyPart {
                context.close(promise: nil)
                return
            }
            context.fireChannelRead(data)
        case .end:
            if closeAfterBodyPart {
                context.close(promise: nil)
                return
            }
            context.fireChannelRead(data)
        }
    }
}
