import CZlib
import NIOCore

/// Inflates a gzip request body (or a gRPC message in gzip or zlib format) under a size limit in
/// one pass with zlib, which checks each member's CRC-32 and length trailer (the zlib format's
/// Adler-32) while it inflates (no second pass over the output). What zlib leaves to its caller is
/// checked here: that the stream is complete (a body cut anywhere, or holding nothing but a
/// header, is refused instead of read as a shorter request), and that nothing but further gzip
/// members follows it (concatenated members are read as one body, as the collector's Go reader
/// does).
enum GzipBody {
    /// The container around the deflate data.
    enum Format: Sendable, Equatable {
        /// RFC 1952: HTTP's `Content-Encoding: gzip`, gRPC's `gzip`.
        case gzip
        /// RFC 1950: gRPC's `deflate`.
        case zlib

        /// The name used in messages.
        var name: String {
            switch self {
            case .gzip: "gzip"
            case .zlib: "deflate (zlib format)"
            }
        }
    }

    enum Failure: Error, Equatable {
        /// Inflates to more than the limit.
        case tooLarge
        /// Inflating it needs more memory than `reserve` granted (the receiver's bytes in flight).
        case overBudget
        /// Not a complete, valid stream of its format; the reason says what is wrong.
        case invalid(String)
    }

    /// Inflates `body` to at most `limit` bytes; `reserve` is asked for each allocation of the
    /// output (its bytes) first, and refusing one stops the inflation with ``Failure/overBudget``.
    static func inflate(
        _ body: ByteBuffer,
        format: Format = .gzip,
        limit: Int,
        reserve: (Int) -> Bool = { _ in true },
        allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) throws(Failure) -> ByteBuffer {
        switch format {
        case .gzip:
            // A gzip member is at least a 10-byte header and an 8-byte trailer.
            guard body.readableBytes >= 18, Self.startsMember(body.readableBytesView) else { throw .invalid("not a gzip stream") }
        case .zlib:
            // A 2-byte header and a 4-byte trailer at least.
            guard body.readableBytes >= 6, Self.startsZlibStream(body.readableBytesView) else { throw .invalid("not a zlib stream") }
        }
        guard body.readableBytes <= Int(UInt32.max) else { throw .tooLarge }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let started = format == .gzip ? czlib_inflate_init_gzip(stream) : czlib_inflate_init_zlib(stream)
        guard started == Z_OK else { throw .invalid("zlib could not start inflating") }

        // The output may reach limit + 1 bytes: one byte past the limit proves the body too large.
        let ceiling = limit == Int.max ? Int.max : limit + 1
        // The first output buffer: four times the body, 16 KiB to 1 MiB; it doubles as needed.
        let initial = min(ceiling, 1 << 20, max(16 << 10, body.readableBytes * 4))
        guard reserve(initial) else { throw .overBudget }
        var output = allocator.buffer(capacity: initial)
        var reserved = initial
        let outcome = body.withUnsafeReadableBytes { input -> Outcome in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.assumingMemoryBound(to: Bytef.self).baseAddress)
            stream.pointee.avail_in = uInt(input.count)
            while true {
                if output.writableBytes == 0 {
                    guard output.writerIndex < ceiling else { return .tooLarge }
                    let (doubled, overflow) = output.capacity.multipliedReportingOverflow(by: 2)
                    let capacity = overflow ? ceiling : min(ceiling, doubled)
                    guard reserve(max(0, capacity - reserved)) else { return .overBudget }
                    reserved = max(reserved, capacity)
                    output.reserveCapacity(capacity)
                }
                let room = min(output.writableBytes, ceiling - output.writerIndex, Int(UInt32.max))
                var status: Int32 = Z_OK
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: 0) { out in
                    stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self).baseAddress
                    stream.pointee.avail_out = uInt(room)
                    status = CZlib.inflate(stream, Z_NO_FLUSH)
                    return room - Int(stream.pointee.avail_out)
                }
                if output.writerIndex > limit { return .tooLarge }
                let remaining = Int(stream.pointee.avail_in)
                switch status {
                case Z_STREAM_END:
                    // The member's trailer matched (zlib checked it); another member may follow.
                    guard remaining > 0 else { return .complete }
                    guard format == .gzip else { return .invalid("\(remaining) bytes follow the end of the zlib stream") }
                    let rest = UnsafeRawBufferPointer(rebasing: input.suffix(remaining))
                    guard remaining >= 18, Self.startsMember(rest) else {
                        return .invalid("\(remaining) bytes after the end of the gzip stream are not another gzip member")
                    }
                    guard inflateReset(stream) == Z_OK else { return .invalid("zlib could not start the next member") }
                case Z_OK:
                    // All input read, room left, and no end: the stream stops short.
                    if remaining == 0 && stream.pointee.avail_out > 0 { return .truncated }
                case Z_BUF_ERROR:
                    // No progress possible: out of input (truncated) or out of room (grow).
                    if remaining == 0 { return .truncated }
                case Z_DATA_ERROR:
                    return .invalid(stream.pointee.msg.map { String(cString: $0) } ?? "corrupt deflate data")
                case Z_MEM_ERROR:
                    return .invalid("zlib ran out of memory")
                case Z_NEED_DICT:
                    return .invalid("the stream needs a preset dictionary")
                default:
                    return .invalid("zlib failed with status \(status)")
                }
            }
        }
        switch outcome {
        case .complete: return output
        case .tooLarge: throw .tooLarge
        case .overBudget: throw .overBudget
        case .truncated: throw .invalid("the stream is truncated: it ends before its trailer")
        case .invalid(let reason): throw .invalid(reason)
        }
    }

    private enum Outcome {
        case complete, tooLarge, overBudget, truncated
        case invalid(String)
    }

    /// Whether `bytes` start with a zlib header: deflate, and a check value that holds.
    private static func startsZlibStream<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var iterator = bytes.makeIterator()
        guard let method = iterator.next(), let flags = iterator.next() else { return false }
        return method & 0x0F == 8 && (UInt16(method) << 8 | UInt16(flags)) % 31 == 0
    }

    /// Whether `bytes` start with a gzip member's magic number.
    private static func startsMember<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }
}
