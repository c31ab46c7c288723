import NIOCore
import NIOHTTP2

/// Closes an HTTP/2 connection at most `grace` after the server's first GOAWAY on it, whatever
/// the client does.
///
/// swift-nio-http2's connection manager closes a connection it shuts down once its streams are
/// closed, and starts its own grace timer only when the client acknowledges the PING that follows
/// the GOAWAY: a client that never answers (a silent TCP connection, one that never sent the
/// HTTP/2 preface, a frozen process) would keep the connection open, and stopping the receiver
/// would wait for it forever. Placed between the HTTP/2 handler and the manager, this handler
/// sees the manager's GOAWAY go out.
final class GoAwayDeadlineHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTP2Frame
    typealias InboundOut = HTTP2Frame
    typealias OutboundIn = HTTP2Frame
    typealias OutboundOut = HTTP2Frame

    private let grace: TimeAmount
    private var deadline: Scheduled<Void>?

    init(grace: TimeAmount) {
        self.grace = grace
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if deadline == nil, case .goAway = unwrapOutboundIn(data).payload {
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: grace) { context.close(promise: nil) }
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }
}
