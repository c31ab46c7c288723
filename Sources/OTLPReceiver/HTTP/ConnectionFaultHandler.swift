import HTTPTypes
import NIOCore
import NIOHTTPTypes
import OTLPWire

/// Takes the fault decision of each OTLP export request as its headers arrive, on HTTP/1.1
/// connections and h2c streams alike: a ``Fault/closeConnection(_:)`` is carried out here (a
/// route handler cannot close its connection), any other decision travels with the request, in
/// a header, to the ``ExportProcessor``, so that every request is counted and decided once.
final class ConnectionFaultHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let faults: FaultInjector
    private let processor: ExportProcessor
    private let transport: ReceivedRequest.Transport
    private var closeAfterBodyPart = false
    /// The tickets of this connection's (or stream's) requests whose answer is stalled: released
    /// when the client goes away.
    private var stalledTickets: [UInt64] = []

    init(faults: FaultInjector, processor: ExportProcessor, transport: ReceivedRequest.Transport) {
        self.faults = faults
        self.processor = processor
        self.transport = transport
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(var head):
            closeAfterBodyPart = false
            let path = head.path.map { String($0.prefix { $0 != "?" }) }
            guard head.method == .post, let path, let signal = OTLPSignal(httpPath: path) else {
                context.fireChannelRead(data)
                return
            }
            let session = HTTPField.Name(processor.configuration.sessionHeader).flatMap { head.headerFields[$0] }
            let decision = faults.fault(for: signal, session: session)
            guard case .closeConnection(let close)? = decision else {
                let ticket = faults.park(decision)
                if case .stall? = decision { stalledTickets.append(ticket) }
                head.headerFields[HTTPField.Name(FaultInjector.decisionHeader)!] = String(ticket)
                context.fireChannelRead(wrapInboundOut(.head(head)))
                return
            }
            let headers = head.headerFields.map { (name: $0.name.canonicalName.lowercased(), value: $0.value) }
            processor.recordUnprocessed(
                signal,
                transport: transport,
                path: path,
                headers: headers,
                bodySize: 0,
                outcome: .dropped(reason: close == .afterHeaders ? "connection closed after the headers" : "connection closed mid-body")
            )
            if close == .afterHeaders {
                context.close(promise: nil)
            } else {
                closeAfterBodyPart = true  // the head goes no further: the request never reaches a handler
            }
        case .body, .end:
            if closeAfterBodyPart {
                context.close(promise: nil)
                return
            }
            context.fireChannelRead(data)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        releaseStalls()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The server allows half-closed connections, so a client that goes away shows first as
        // the end of its input, while the connection still counts as active.
        if let event = event as? ChannelEvent, event == .inputClosed { releaseStalls() }
        context.fireUserInboundEventTriggered(event)
    }

    /// Wakes this connection's stalled answers: their client is gone.
    private func releaseStalls() {
        for ticket in stalledTickets { processor.stalls.release(ticket: ticket) }
        stalledTickets = []
    }
}
