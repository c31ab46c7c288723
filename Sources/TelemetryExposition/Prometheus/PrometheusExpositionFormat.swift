/// The exposition formats the collector's prometheus exporter can serve.
public enum PrometheusExpositionFormat: Sendable, Hashable, CaseIterable {
    /// The Prometheus text format 0.0.4, which the exporter always serves by default.
    case text
    /// OpenMetrics 1.0.0 text, which the exporter serves only with `enable_open_metrics: true`
    /// and a scraper that asks for it: counter families named without `_total`, integer counts,
    /// floats with a `.0`, exemplars, and a final `# EOF`.
    case openMetrics

    /// The `Content-Type` the exporter's handler (client_golang's promhttp with
    /// prometheus/common's expfmt, escaping scheme `underscores`) sends with the format.
    public var contentType: String {
        switch self {
        case .text: "text/plain; version=0.0.4; charset=utf-8; escaping=underscores"
        case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores"
        }
    }

    /// The format a scrape with the given `Accept` header gets, as promhttp negotiates it:
    /// the acceptable media types in order of preference (by `q`), the first that is
    /// OpenMetrics text (versions 1.0.0, 0.0.1 or none, when `openMetricsEnabled`) or
    /// Prometheus text (version 0.0.4 or none) wins; otherwise text. Protobuf is never chosen.
    public static func negotiated(accept: String?, openMetricsEnabled: Bool = false) -> PrometheusExpositionFormat {
        guard let accept else { return .text }
        let ranges = accept.split(separator: ",").enumerated().compactMap { index, part -> (q: Double, index: Int, type: String, version: String?)? in
            let fields = part.split(separator: ";").map { $0.trimmed(of: " \t") }
            guard let type = fields.first?.lowercased(), !type.isEmpty else { return nil }
            var q = 1.0
            var version: String?
            for field in fields.dropFirst() {
                let pair = field.split(separator: "=", maxSplits: 1).map { $0.trimmed(of: " \t\"") }
                guard pair.count == 2 else { continue }
                switch pair[0].lowercased() {
                case "q": q = Double(pair[1]) ?? 1
                case "version": version = pair[1]
                default: break
                }
            }
            return (q, index, type, version)
        }
        for range in ranges.sorted(by: { ($0.q, -$0.index) > ($1.q, -$1.index) }) where range.q > 0 {
            if range.type == "application/openmetrics-text" && openMetricsEnabled
                && [nil, "1.0.0", "0.0.1"].contains(range.version)
            {
                return .openMetrics
            }
            if range.type == "text/plain" && [nil, "0.0.4"].contains(range.version) {
                return .text
            }
        }
        return .text
    }
}

extension Substring {
    fileprivate func trimmed(of characters: String) -> String {
        String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
