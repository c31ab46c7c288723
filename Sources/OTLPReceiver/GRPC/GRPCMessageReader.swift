import NIOCore

/// Gathers the one length-prefixed message of a unary gRPC request from its DATA frames, under a
/// size limit checked as soon as the prefix declares the length (nothing larger is buffered).
struct GRPCMessageReader {
    /// Why the request's data is not one acceptable message.
    enum Failure: Error, Equatable {
        /// The prefix declares more than the limit.
        case tooLarge(declared: Int)
        /// More bytes follow the first message.
        case moreThanOneMessage
        /// The stream ended before any message.
        case noMessage
        /// The stream ended inside the message: `received` of `expected` bytes (prefix included;
        /// `nil` when the stream ended inside the prefix).
        case truncated(received: Int, expected: Int?)
    }

    /// A whole message: its compressed flag and its bytes.
    struct Message {
        var compressed: Bool
        var bytes: ByteBuffer
    }

    let limit: Int
    private var received: ByteBuffer?
    private var declared: (compressed: Bool, length: Int)?

    init(limit: Int) {
        self.limit = limit
    }

    /// The bytes received so far.
    var receivedBytes: Int { received?.readableBytes ?? 0 }

    /// Adds the bytes of a DATA frame; returns the message's length when these bytes completed
    /// its prefix.
    @discardableResult
    mutating func append(_ data: ByteBuffer) throws(Failure) -> Int? {
        if received == nil {
            // The first frame is kept as it is: a message in one frame is never copied.
            received = data
        } else {
            var data = data
            received!.writeBuffer(&data)
        }
        guard let received else { return nil }
        var announced: Int?
        if declared == nil, received.readableBytes >= GRPCWire.prefixBytes {
            let flag = received.getInteger(at: received.readerIndex, as: UInt8.self)!
            let length = Int(received.getInteger(at: received.readerIndex + 1, as: UInt32.self)!)
            guard length <= limit else { throw .tooLarge(declared: length) }
            declared = (flag != 0, length)
            announced = length
        }
        if let declared, received.readableBytes > GRPCWire.prefixBytes + declared.length { throw .moreThanOneMessage }
        return announced
    }

    /// Allocates room for the rest of the announced message at once (not one doubling after
    /// another); called once the message has been admitted.
    mutating func reserveRest() {
        guard let declared, let buffered = received?.readableBytes else { return }
        let missing = GRPCWire.prefixBytes + declared.length - buffered
        if missing > 0 { received!.reserveCapacity(minimumWritableBytes: missing) }
    }

    /// The message, once the stream has ended.
    func message() throws(Failure) -> Message {
        guard let received, received.readableBytes > 0 else { throw .noMessage }
        guard let declared, received.readableBytes == GRPCWire.prefixBytes + declared.length else {
            throw .truncated(received: received.readableBytes, expected: declared.map { GRPCWire.prefixBytes + $0.length })
        }
        return Message(
            compressed: declared.compressed,
            bytes: received.getSlice(at: received.readerIndex + GRPCWire.prefixBytes, length: declared.length)!
        )
    }
}
