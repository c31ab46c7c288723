import TelemetryModel

/// Turns accumulated series into metric families the way the exporter's `collector.go` and
/// client_golang's registry do, then writes them.
///
/// Followed: opentelemetry-collector-contrib v0.131.0 `exporter/prometheusexporter/collector.go`
/// (labels: point attributes, `otel_scope_<key>` for scope attributes, `otel_scope_name`,
/// `otel_scope_version`, `otel_scope_schema_url`, `job`, `instance`; `target_info` with the
/// other resource attributes, only for resources with both a job and an instance) and
/// client_golang v1.22's `Registry.Gather` (families sorted by name, metrics by label values;
/// a metric whose family has another type, whose name collides with a histogram's or
/// summary's suffixes, or which repeats another's labels is left out).
///
/// Where Go's order is random (the exporter's map of series), this renderer uses the order the
/// series were created in, so the first series seen decides a family's type and help text.
struct PrometheusRenderer {
    var namespace: String

    func render(_ series: [PrometheusSeries], format: PrometheusExpositionFormat) -> PrometheusExposition {
        var builder = PrometheusFamilyBuilder()
        addTargetInfo(for: series, to: &builder)
        for entry in series {
            add(entry, to: &builder)
        }
        var families = builder.families.values.map { family in
            var family = family
            family.samples.sort(by: PrometheusSample.precedes)
            return family
        }
        families.sort { utf8Less($0.name, $1.name) }
        let text = PrometheusTextWriter(format: format).write(families)
        return PrometheusExposition(format: format, text: text, skippedSeries: builder.skipped)
    }

    // MARK: - Series

    private func add(_ series: PrometheusSeries, to builder: inout PrometheusFamilyBuilder) {
        let type = series.metricType
        guard let name = PrometheusNaming.metricName(series.metricName, unit: series.unit, type: type, namespace: namespace) else {
            builder.skip(series.metricName, nil, .invalidMetricName)
            return
        }
        var labels: [(key: String, label: PrometheusLabel?)] = []
        for pair in attributes(of: series.point) {
            labels.append((pair.key, PrometheusNaming.labelName(for: pair.key).map { PrometheusLabel(name: $0, value: pair.value.goString) }))
        }
        for pair in series.scope.attributes {
            let key = "otel_scope_" + pair.key
            labels.append((key, PrometheusNaming.labelName(for: key).map { PrometheusLabel(name: $0, value: pair.value.goString) }))
        }
        labels.append(("otel_scope_name", PrometheusLabel(name: "otel_scope_name", value: series.scope.name)))
        labels.append(("otel_scope_version", PrometheusLabel(name: "otel_scope_version", value: series.scope.version)))
        labels.append(("otel_scope_schema_url", PrometheusLabel(name: "otel_scope_schema_url", value: series.scopeSchemaURL)))
        if let job = PrometheusTarget.job(of: series.resource) {
            labels.append(("job", PrometheusLabel(name: "job", value: job)))
        }
        if let instance = PrometheusTarget.instance(of: series.resource) {
            labels.append(("instance", PrometheusLabel(name: "instance", value: instance)))
        }
        var valid: [PrometheusLabel] = []
        var seen: Set<String> = []
        for (key, label) in labels {
            guard let label else {
                builder.skip(series.metricName, name, .invalidLabelName(key))
                return
            }
            guard seen.insert(label.name).inserted else {
                builder.skip(series.metricName, name, .duplicateLabelName(label.name))
                return
            }
            valid.append(label)
        }
        valid.sort { utf8Less($0.name, $1.name) }
        let sample = PrometheusSample(labels: valid, value: value(of: series.point))
        builder.add(sample, family: name, type: familyType(type), help: series.description, metricName: series.metricName)
    }

    private func attributes(of point: PrometheusSeries.Point) -> Attributes {
        switch point {
        case .gauge(let point), .sum(let point, _): point.attributes
        case .histogram(let point): point.attributes
        case .summary(let point): point.attributes
        }
    }

    private func familyType(_ type: PrometheusMetricType) -> PrometheusFamily.FamilyType {
        switch type {
        case .gauge, .nonMonotonicCounter: .gauge
        case .monotonicCounter: .counter
        case .histogram, .exponentialHistogram: .histogram
        case .summary: .summary
        }
    }

    private func value(of point: PrometheusSeries.Point) -> PrometheusSample.Value {
        switch point {
        case .gauge(let point):
            return .number(point.value?.doubleValue ?? 0, exemplar: nil)
        case .sum(let point, let isMonotonic):
            // Only counters carry exemplars; the last one wins.
            let exemplar = isMonotonic ? point.exemplars.last.map(PrometheusSample.Exemplar.init) : nil
            return .number(point.value?.doubleValue ?? 0, exemplar: exemplar)
        case .histogram(let point):
            return histogram(point)
        case .summary(let point):
            // A map in Go: one value per quantile (the last), sorted by quantile.
            var byQuantile: [Double: Double] = [:]
            for entry in point.quantileValues { byQuantile[entry.quantile] = entry.value }
            let quantiles = byQuantile.sorted { $0.key < $1.key }.map { (quantile: $0.key, value: $0.value) }
            return .summary(quantiles: quantiles, count: point.count, sum: point.sum)
        }
    }

    /// `convertDoubleHistogram`: bounds deduplicated (first index wins) and sorted, cumulative
    /// counts in that order; then client_golang's `NewMetricWithExemplars` puts each exemplar
    /// into the first bucket whose bound is at least its value, adding a `+Inf` bucket for
    /// values above every bound.
    private func histogram(_ point: HistogramDataPoint) -> PrometheusSample.Value {
        var indexByBound: [Double: Int] = [:]
        var bounds: [Double] = []
        for (index, bound) in point.explicitBounds.enumerated() where indexByBound[bound] == nil {
            indexByBound[bound] = index
            bounds.append(bound)
        }
        bounds.sort()
        var cumulative: UInt64 = 0
        var buckets: [PrometheusSample.Bucket] = bounds.map { bound in
            let index = indexByBound[bound]!
            cumulative &+= index < point.bucketCounts.count ? point.bucketCounts[index] : 0
            return PrometheusSample.Bucket(upperBound: bound, cumulativeCount: cumulative, exemplar: nil)
        }
        for exemplar in point.exemplars.map(PrometheusSample.Exemplar.init) {
            if let index = buckets.firstIndex(where: { $0.upperBound >= exemplar.value }) {
                buckets[index].exemplar = exemplar
            } else {
                buckets.append(PrometheusSample.Bucket(upperBound: .infinity, cumulativeCount: point.count, exemplar: exemplar))
            }
        }
        return .histogram(buckets: buckets, count: point.count, sum: point.sum ?? 0)
    }

    // MARK: - target_info

    /// `createTargetInfoMetrics`: one gauge of value 1 per distinct job and instance, labelled
    /// with the resource's other attributes (values of keys that sanitise alike joined by `;`).
    private func addTargetInfo(for series: [PrometheusSeries], to builder: inout PrometheusFamilyBuilder) {
        let name = PrometheusNaming.targetInfoName(namespace: namespace)
        var seen: Set<String> = []
        resources: for entry in series {
            guard let signature = PrometheusTarget.signature(of: entry.resource), seen.insert(signature).inserted else { continue }
            var values: [String: String] = [:]
            var order: [String] = []
            for pair in entry.resource where !PrometheusTarget.identifyingKeys.contains(pair.key) {
                guard let label = PrometheusNaming.labelName(for: pair.key) else {
                    builder.skip("target_info", name, .invalidLabelName(pair.key))
                    continue resources
                }
                if let existing = values[label] {
                    values[label] = existing + ";" + pair.value.goString
                } else {
                    values[label] = pair.value.goString
                    order.append(label)
                }
            }
            for (label, value) in [("job", PrometheusTarget.job(of: entry.resource)), ("instance", PrometheusTarget.instance(of: entry.resource))] {
                guard let value else { continue }
                if values[label] == nil { order.append(label) }
                values[label] = value
            }
            let labels = order.map { PrometheusLabel(name: $0, value: values[$0]!) }.sorted { utf8Less($0.name, $1.name) }
            builder.add(
                PrometheusSample(labels: labels, value: .number(1, exemplar: nil)),
                family: name,
                type: .gauge,
                help: "Target metadata",
                metricName: "target_info"
            )
        }
    }
}
