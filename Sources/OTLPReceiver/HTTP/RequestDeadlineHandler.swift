import NIOCore
import NIOHTTPTypes

/// The request a client did not send whole in time: its body stopped short of the end before
/// ``OTLPReceiverConfiguration/requestReceiveTimeout`` passed.
struct RequestReceiveTimeout: Error, CustomStringConvertible {
    var timeout: Duration

    var description: String { "the request was not received whole within \(timeout)" }
}

/// Bounds how long a client may take to send a request, whatever it trickles: the idle timeout
/// resets on every byte, so a client sending one byte every few seconds would otherwise hold its
/// connection and its request open forever.
///
/// From a request's head to its end at most `receiveTimeout` may pass; past it, the request's body
/// fails with ``RequestReceiveTimeout`` (the route answers 408 and records it) and the connection
/// closes. From the connection's start, or the end of the previous answer, to the next request's
/// head at most `receiveTimeout` may pass too (a client trickling its headers); past it, the
/// connection closes. While an answer is being prepared (a stalled or delayed one included) no
/// deadline runs: the client is waiting, not sending. From an answer's head to its last byte
/// written to the socket at most `answerTimeout` may pass: a client that reads slower than that
/// gets the connection closed, its answer cut short (which it sees in the answer's framing: the
/// body ends before its `Content-Length` or its last chunk).
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let receiveTimeout: Duration
    private let answerTimeout: Duration
    private var deadline: Scheduled<Void>?

    init(receiveTimeout: Duration, answerTimeout: Duration) {
        self.receiveTimeout = receiveTimeout
        self.answerTimeout = answerTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armForHead(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        armForHead(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            disarm()
            let timeout = receiveTimeout
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout.timeAmount) { [weak self] in
                // The route's body read fails with this, and it answers 408; the connection is
                // closed once that answer is out (or a little later, whatever happens).
                context.fireErrorCaught(RequestReceiveTimeout(timeout: timeout))
                self?.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(5)) { context.close(promise: nil) }
            }
        case .end:
            disarm()
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head:
            disarm()
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: answerTimeout.timeAmount) {
                context.close(promise: nil)
            }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            // Once the answer's last byte is in the socket, the client has `receiveTimeout` for its
            // next request's head.
            let written = promise ?? context.eventLoop.makePromise()
            written.futureResult.assumeIsolated().whenSuccess { [weak self] _ in
                if context.channel.isActive { self?.armForHead(context: context) }
            }
            context.write(data, promise: written)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    private func armForHead(context: ChannelHandlerContext) {
        disarm()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: receiveTimeout.timeAmount) {
            context.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
