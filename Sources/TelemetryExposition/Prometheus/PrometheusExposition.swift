import Foundation

/// One scrape's worth of exposition: the text the collector's prometheus exporter would serve,
/// and the series it would have left out.
public struct PrometheusExposition: Sendable, Hashable {
    /// The format of ``text``.
    public var format: PrometheusExpositionFormat
    /// The exposition text.
    public var text: String
    /// The series that were left out, in the order they were considered.
    public var skippedSeries: [PrometheusSkippedSeries]

    /// Creates an exposition.
    public init(format: PrometheusExpositionFormat, text: String, skippedSeries: [PrometheusSkippedSeries] = []) {
        self.format = format
        self.text = text
        self.skippedSeries = skippedSeries
    }

    /// The answer to `GET /metrics`: 200, the format's content type and the text.
    public var response: ExpositionResponse {
        ExpositionResponse(statusCode: 200, contentType: format.contentType, body: Data(text.utf8))
    }
}
