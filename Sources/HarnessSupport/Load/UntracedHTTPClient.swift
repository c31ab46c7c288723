public import AsyncHTTPClient

extension HTTPClient {
    /// A client that starts no spans and injects no trace context of its own, whatever tracer
    /// the process bootstrapped: the harness's requests carry exactly the headers it sets (a
    /// scenario's own `traceparent`), and its load does not add telemetry to what it measures.
    /// Shut it down when done.
    public static func untraced() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
