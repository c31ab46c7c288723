/// Collects families as client_golang's registry does while gathering.
struct PrometheusFamilyBuilder {
    var families: [String: PrometheusFamily] = [:]
    var skipped: [PrometheusSkippedSeries] = []
    /// Label sets already present, per family.
    private var labelSets: [String: Set<[PrometheusLabel]>] = [:]

    mutating func skip(_ metricName: String, _ exposedName: String?, _ reason: PrometheusSkippedSeries.Reason) {
        skipped.append(PrometheusSkippedSeries(metricName: metricName, exposedName: exposedName, reason: reason))
    }

    mutating func add(_ sample: PrometheusSample, family name: String, type: PrometheusFamily.FamilyType, help: String, metricName: String) {
        if let existing = families[name] {
            guard existing.type == type else {
                skip(metricName, name, .typeConflict(existing: existing.type.rawValue, skipped: type.rawValue))
                return
            }
        } else {
            if let collision = suffixCollision(name, type) {
                skip(metricName, name, .suffixCollision(collision))
                return
            }
            families[name] = PrometheusFamily(name: name, type: type, help: help, samples: [])
        }
        guard labelSets[name, default: []].insert(sample.labels).inserted else {
            skip(metricName, name, .duplicateSeries)
            return
        }
        families[name]!.samples.append(sample)
    }

    /// client_golang's `checkSuffixCollisions` for a family about to be created.
    private func suffixCollision(_ name: String, _ type: PrometheusFamily.FamilyType) -> String? {
        for suffix in ["_count", "_sum", "_bucket"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            guard let existing = families[base] else { continue }
            if existing.type == .histogram || (existing.type == .summary && suffix != "_bucket") {
                return base
            }
        }
        if type == .histogram || type == .summary {
            for suffix in ["_count", "_sum"] where families[name + suffix] != nil { return name + suffix }
        }
        if type == .histogram, families[name + "_bucket"] != nil { return name + "_bucket" }
        return nil
    }
}
