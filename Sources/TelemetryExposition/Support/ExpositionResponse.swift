public import Foundation

/// What the HTTP layer sends back for a request: a status code, a `Content-Type` and a body,
/// byte for byte as the imitated component would send them.
public struct ExpositionResponse: Sendable, Hashable {
    /// The HTTP status code, for example 200 or 400.
    public var statusCode: Int
    /// The value of the `Content-Type` header.
    public var contentType: String
    /// The body.
    public var body: Data

    /// Creates a response.
    public init(statusCode: Int, contentType: String, body: Data) {
        self.statusCode = statusCode
        self.contentType = contentType
        self.body = body
    }

    /// The body decoded as UTF-8, for logs and failure messages.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

extension ExpositionResponse {
    /// `application/json`, as Jaeger's query service labels its answers.
    static let jsonContentType = "application/json"
    /// What Go's `http.Error` sets, which Jaeger uses for its error answers.
    static let plainTextContentType = "text/plain; charset=utf-8"

    /// A 200 answer with a JSON body.
    static func json(_ bytes: [UInt8]) -> ExpositionResponse {
        ExpositionResponse(statusCode: 200, contentType: jsonContentType, body: Data(bytes))
    }

    /// An error answer as Go's `http.Error(w, body, code)` writes it: the body followed by a
    /// newline, labelled as plain text.
    static func goHTTPError(statusCode: Int, body: [UInt8]) -> ExpositionResponse {
        ExpositionResponse(statusCode: statusCode, contentType: plainTextContentType, body: Data(body + [UInt8(ascii: "\n")]))
    }
}
