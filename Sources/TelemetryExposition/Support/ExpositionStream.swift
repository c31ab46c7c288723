public import Foundation

/// An answer whose body is rendered piece by piece while it is sent, for answers too large to
/// hold whole: a trace of a million spans is hundreds of megabytes of JSON.
///
/// The status code and `Content-Type` are known before the first piece. The pieces, joined, are
/// exactly the body that ``collected()`` returns, so a server can stream what a test reads whole.
public struct ExpositionStream: Sendable {
    /// The HTTP status code, for example 200 or 404.
    public let statusCode: Int
    /// The value of the `Content-Type` header.
    public let contentType: String
    private var source: any ExpositionPieceSource

    init(statusCode: Int, contentType: String, source: some ExpositionPieceSource) {
        self.statusCode = statusCode
        self.contentType = contentType
        self.source = source
    }

    /// A stream of one piece: `response`'s body.
    public init(_ response: ExpositionResponse) {
        self.init(statusCode: response.statusCode, contentType: response.contentType, source: WholeBody(bytes: Array(response.body)))
    }

    /// Renders the body's next piece, of at least `minimumBytes` unless the body ends first, or
    /// returns nil once the whole body has been returned. A single indivisible part (one span,
    /// one resource's spans) may make a piece larger than `minimumBytes`.
    public mutating func nextPiece(minimumBytes: Int) -> [UInt8]? {
        guard var piece = source.next() else { return nil }
        while piece.count < minimumBytes, let more = source.next() {
            piece.append(contentsOf: more)
        }
        return piece
    }

    /// The whole answer, with the rest of the body rendered into one buffer.
    public consuming func collected() -> ExpositionResponse {
        var body: [UInt8] = []
        while let piece = source.next() { body.append(contentsOf: piece) }
        return ExpositionResponse(statusCode: statusCode, contentType: contentType, body: Data(body))
    }
}

/// The parts of a body in order, each rendered when it is asked for.
protocol ExpositionPieceSource: Sendable {
    /// The next part of the body, or nil after the last one.
    mutating func next() -> [UInt8]?
}

/// A body rendered already.
struct WholeBody: ExpositionPieceSource {
    var bytes: [UInt8]?

    mutating func next() -> [UInt8]? {
        defer { bytes = nil }
        return bytes
    }
}

/// A JSON array written element by element between a fixed head and tail: `head`, the elements
/// separated by commas, then `tail`.
struct JSONArrayBody<Elements: RandomAccessCollection & Sendable>: ExpositionPieceSource where Elements.Element: Sendable {
    let head: [UInt8]
    let elements: Elements
    let tail: [UInt8]
    let render: @Sendable (Elements.Element) -> [UInt8]
    /// -1 before the head, then the element to write next; `elements.count` once the tail is next.
    private var position = -1

    init(head: [UInt8], elements: Elements, tail: [UInt8], render: @escaping @Sendable (Elements.Element) -> [UInt8]) {
        self.head = head
        self.elements = elements
        self.tail = tail
        self.render = render
    }

    mutating func next() -> [UInt8]? {
        guard position <= elements.count else { return nil }
        defer { position += 1 }
        switch position {
        case -1: return head
        case elements.count: return tail
        default:
            let element = render(elements[elements.index(elements.startIndex, offsetBy: position)])
            return position > 0 ? [UInt8(ascii: ",")] + element : element
        }
    }
}
