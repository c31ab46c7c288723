public import Foundation
public import TelemetryModel

/// Encodes telemetry as OTLP/JSON export requests: lowerCamelCase keys, lowercase hex ids,
/// enums as integers, 64-bit integers as decimal strings, and fields at their default value
/// left out, as the protobuf JSON mapping does.
public enum OTLPJSONEncoder {
    /// Encodes traces as an `ExportTraceServiceRequest`.
    public static func encode(_ traces: TracesData) -> Data {
        var writer = JSONWriter()
        writer.object { writer in
            writer.list("resourceSpans", traces.resourceSpans) { writer, group in writer.resourceSpans(group) }
        }
        return Data(writer.bytes)
    }

    /// Encodes one resource's spans as the element of `resourceSpans` that encoding the whole
    /// `TracesData` writes for it, for writing a large request in pieces: `{"resourceSpans":[`,
    /// the elements separated by commas, then `]}` are the same bytes as the whole request.
    public static func encode(_ resourceSpans: ResourceSpans) -> Data {
        var writer = JSONWriter()
        writer.resourceSpans(resourceSpans)
        return Data(writer.bytes)
    }

    /// Encodes metrics as an `ExportMetricsServiceRequest`.
    public static func encode(_ metrics: MetricsData) -> Data {
        var writer = JSONWriter()
        writer.object { writer in
            writer.list("resourceMetrics", metrics.resourceMetrics) { writer, group in
                writer.object { writer in
                    writer.resource(group.resource)
                    writer.list("scopeMetrics", group.scopeMetrics) { writer, scope in
                        writer.object { writer in
                            writer.scope(scope.scope)
                            writer.list("metrics", scope.metrics) { writer, metric in writer.metric(metric) }
                            writer.nonEmpty("schemaUrl", scope.schemaURL)
                        }
                    }
                    writer.nonEmpty("schemaUrl", group.schemaURL)
                }
            }
        }
        return Data(writer.bytes)
    }

    /// Encodes logs as an `ExportLogsServiceRequest`.
    public static func encode(_ logs: LogsData) -> Data {
        var writer = JSONWriter()
        writer.object { writer in
            writer.list("resourceLogs", logs.resourceLogs) { writer, group in
                writer.object { writer in
                    writer.resource(group.resource)
                    writer.list("scopeLogs", group.scopeLogs) { writer, scope in
                        writer.object { writer in
                            writer.scope(scope.scope)
                            writer.list("logRecords", scope.logRecords) { writer, record in writer.logRecord(record) }
                            writer.nonEmpty("schemaUrl", scope.schemaURL)
                        }
                    }
                    writer.nonEmpty("schemaUrl", group.schemaURL)
                }
            }
        }
        return Data(writer.bytes)
    }
}

// MARK: - Field helpers

extension JSONWriter {
    mutating func list<Element>(_ key: String, _ elements: [Element], _ body: (inout JSONWriter, Element) -> Void) {
        guard !elements.isEmpty else { return }
        self.key(key)
        array { writer in
            for element in elements { body(&writer, element) }
        }
    }

    mutating func nonEmpty(_ key: String, _ value: String) {
        guard !value.isEmpty else { return }
        self.key(key)
        string(value)
    }

    mutating func nonZero(_ key: String, _ value: UInt32) {
        guard value != 0 else { return }
        self.key(key)
        number(value)
    }

    mutating func nonZero(_ key: String, _ value: Int32) {
        guard value != 0 else { return }
        self.key(key)
        number(value)
    }

    mutating func nonZero64(_ key: String, _ value: UInt64) {
        guard value != 0 else { return }
        self.key(key)
        int64String(value)
    }

    mutating func nonZero(_ key: String, _ value: Double) {
        guard value != 0 || value.sign == .minus else { return }
        self.key(key)
        double(value)
    }

    mutating func present(_ key: String, _ value: Double?) {
        guard let value else { return }
        self.key(key)
        double(value)
    }

    mutating func id(_ key: String, _ hex: String?) {
        guard let hex else { return }
        self.key(key)
        string(hex)
    }

    mutating func attributes(_ key: String, _ attributes: Attributes) {
        list(key, attributes.pairs) { writer, pair in
            writer.object { writer in
                writer.key("key")
                writer.string(pair.key)
                writer.key("value")
                writer.anyValue(pair.value)
            }
        }
    }

    mutating func anyValue(_ value: AttributeValue) {
        object { writer in
            switch value {
            case .string(let string):
                writer.key("stringValue")
                writer.string(string)
            case .bool(let bool):
                writer.key("boolValue")
                writer.bool(bool)
            case .int(let int):
                writer.key("intValue")
                writer.int64String(int)
            case .double(let double):
                writer.key("doubleValue")
                writer.double(double)
            case .bytes(let bytes):
                writer.key("bytesValue")
                writer.string(bytes.base64EncodedString())
            case .array(let values):
                writer.key("arrayValue")
                writer.object { writer in
                    writer.list("values", values) { writer, element in writer.anyValue(element) }
                }
            case .keyValueList(let attributes):
                writer.key("kvlistValue")
                writer.object { writer in writer.attributes("values", attributes) }
            case .empty:
                break
            }
        }
    }

    mutating func resource(_ resource: Resource) {
        key("resource")
        object { writer in
            writer.attributes("attributes", resource.attributes)
            writer.nonZero("droppedAttributesCount", resource.droppedAttributesCount)
            writer.list("entityRefs", resource.entityReferences) { writer, reference in
                writer.object { writer in
                    writer.nonEmpty("schemaUrl", reference.schemaURL)
                    writer.nonEmpty("type", reference.type)
                    writer.list("idKeys", reference.identifyingKeys) { writer, key in writer.string(key) }
                    writer.list("descriptionKeys", reference.descriptiveKeys) { writer, key in writer.string(key) }
                }
            }
        }
    }

    mutating func scope(_ scope: InstrumentationScope) {
        key("scope")
        object { writer in
            writer.nonEmpty("name", scope.name)
            writer.nonEmpty("version", scope.version)
            writer.attributes("attributes", scope.attributes)
            writer.nonZero("droppedAttributesCount", scope.droppedAttributesCount)
        }
    }

    // MARK: Traces

    mutating func span(_ span: Span) {
        object { writer in
            writer.id("traceId", span.traceID.hex)
            writer.id("spanId", span.spanID.hex)
            writer.nonEmpty("traceState", span.traceState)
            writer.id("parentSpanId", span.parentSpanID?.hex)
            writer.nonZero("flags", span.flags.rawValue)
            writer.key("name")
            writer.string(span.name)
            writer.nonZero("kind", span.kind.rawValue)
            writer.nonZero64("startTimeUnixNano", span.startTimeUnixNano)
            writer.nonZero64("endTimeUnixNano", span.endTimeUnixNano)
            writer.attributes("attributes", span.attributes)
            writer.nonZero("droppedAttributesCount", span.droppedAttributesCount)
            writer.list("events", span.events) { writer, event in
                writer.object { writer in
                    writer.nonZero64("timeUnixNano", event.timeUnixNano)
                    writer.nonEmpty("name", event.name)
                    writer.attributes("attributes", event.attributes)
                    writer.nonZero("droppedAttributesCount", event.droppedAttributesCount)
                }
            }
            writer.nonZero("droppedEventsCount", span.droppedEventsCount)
            writer.list("links", span.links) { writer, link in
                writer.object { writer in
                    writer.id("traceId", link.traceID.hex)
                    writer.id("spanId", link.spanID.hex)
                    writer.nonEmpty("traceState", link.traceState)
                    writer.attributes("attributes", link.attributes)
                    writer.nonZero("droppedAttributesCount", link.droppedAttributesCount)
                    writer.nonZero("flags", link.flags.rawValue)
                }
            }
            writer.nonZero("droppedLinksCount", span.droppedLinksCount)
            // Written even when unset, as the reference SDKs do.
            writer.key("status")
            writer.object { writer in
                writer.nonEmpty("message", span.status.message)
                writer.nonZero("code", span.status.code.rawValue)
            }
        }
    }

    // MARK: Metrics

    mutating func metric(_ metric: Metric) {
        object { writer in
            writer.key("name")
            writer.string(metric.name)
            writer.nonEmpty("description", metric.description)
            writer.nonEmpty("unit", metric.unit)
            writer.key(metric.data.kindName)
            writer.object { writer in
                switch metric.data {
                case .gauge(let points):
                    writer.list("dataPoints", points) { writer, point in writer.numberPoint(point) }
                case .sum(let sum):
                    writer.list("dataPoints", sum.dataPoints) { writer, point in writer.numberPoint(point) }
                    writer.nonZero("aggregationTemporality", sum.aggregationTemporality.rawValue)
                    if sum.isMonotonic {
                        writer.key("isMonotonic")
                        writer.bool(true)
                    }
                case .histogram(let histogram):
                    writer.list("dataPoints", histogram.dataPoints) { writer, point in writer.histogramPoint(point) }
                    writer.nonZero("aggregationTemporality", histogram.aggregationTemporality.rawValue)
                case .exponentialHistogram(let histogram):
                    writer.list("dataPoints", histogram.dataPoints) { writer, point in writer.exponentialHistogramPoint(point) }
                    writer.nonZero("aggregationTemporality", histogram.aggregationTemporality.rawValue)
                case .summary(let points):
                    writer.list("dataPoints", points) { writer, point in writer.summaryPoint(point) }
                }
            }
            writer.attributes("metadata", metric.metadata)
        }
    }

    mutating func metricValue(_ value: MetricValue?) {
        switch value {
        case .int(let int):
            key("asInt")
            int64String(int)
        case .double(let double):
            key("asDouble")
            self.double(double)
        case nil:
            break
        }
    }

    mutating func exemplars(_ exemplars: [Exemplar]) {
        list("exemplars", exemplars) { writer, exemplar in
            writer.object { writer in
                writer.attributes("filteredAttributes", exemplar.filteredAttributes)
                writer.nonZero64("timeUnixNano", exemplar.timeUnixNano)
                writer.metricValue(exemplar.value)
                writer.id("spanId", exemplar.spanID?.hex)
                writer.id("traceId", exemplar.traceID?.hex)
            }
        }
    }

    mutating func numberPoint(_ point: NumberDataPoint) {
        object { writer in
            writer.attributes("attributes", point.attributes)
            writer.nonZero64("startTimeUnixNano", point.startTimeUnixNano)
            writer.nonZero64("timeUnixNano", point.timeUnixNano)
            writer.metricValue(point.value)
            writer.exemplars(point.exemplars)
            writer.nonZero("flags", point.flags.rawValue)
        }
    }

    mutating func histogramPoint(_ point: HistogramDataPoint) {
        object { writer in
            writer.attributes("attributes", point.attributes)
            writer.nonZero64("startTimeUnixNano", point.startTimeUnixNano)
            writer.nonZero64("timeUnixNano", point.timeUnixNano)
            writer.nonZero64("count", point.count)
            writer.present("sum", point.sum)
            writer.list("bucketCounts", point.bucketCounts) { writer, count in writer.int64String(count) }
            writer.list("explicitBounds", point.explicitBounds) { writer, bound in writer.double(bound) }
            writer.exemplars(point.exemplars)
            writer.nonZero("flags", point.flags.rawValue)
            writer.present("min", point.min)
            writer.present("max", point.max)
        }
    }

    mutating func buckets(_ key: String, _ buckets: ExponentialHistogramDataPoint.Buckets) {
        self.key(key)
        object { writer in
            writer.nonZero("offset", buckets.offset)
            writer.list("bucketCounts", buckets.bucketCounts) { writer, count in writer.int64String(count) }
        }
    }

    mutating func exponentialHistogramPoint(_ point: ExponentialHistogramDataPoint) {
        object { writer in
            writer.attributes("attributes", point.attributes)
            writer.nonZero64("startTimeUnixNano", point.startTimeUnixNano)
            writer.nonZero64("timeUnixNano", point.timeUnixNano)
            writer.nonZero64("count", point.count)
            writer.present("sum", point.sum)
            writer.nonZero("scale", point.scale)
            writer.nonZero64("zeroCount", point.zeroCount)
            writer.buckets("positive", point.positive)
            writer.buckets("negative", point.negative)
            writer.nonZero("flags", point.flags.rawValue)
            writer.exemplars(point.exemplars)
            writer.present("min", point.min)
            writer.present("max", point.max)
            writer.nonZero("zeroThreshold", point.zeroThreshold)
        }
    }

    mutating func summaryPoint(_ point: SummaryDataPoint) {
        object { writer in
            writer.attributes("attributes", point.attributes)
            writer.nonZero64("startTimeUnixNano", point.startTimeUnixNano)
            writer.nonZero64("timeUnixNano", point.timeUnixNano)
            writer.nonZero64("count", point.count)
            writer.nonZero("sum", point.sum)
            writer.list("quantileValues", point.quantileValues) { writer, quantile in
                writer.object { writer in
                    writer.nonZero("quantile", quantile.quantile)
                    writer.nonZero("value", quantile.value)
                }
            }
            writer.nonZero("flags", point.flags.rawValue)
        }
    }

    // MARK: Logs

    mutating func logRecord(_ record: LogRecord) {
        object { writer in
            writer.nonZero64("timeUnixNano", record.timeUnixNano)
            writer.nonZero64("observedTimeUnixNano", record.observedTimeUnixNano)
            writer.nonZero("severityNumber", record.severityNumber.rawValue)
            writer.nonEmpty("severityText", record.severityText)
            if let body = record.body {
                writer.key("body")
                writer.anyValue(body)
            }
            writer.attributes("attributes", record.attributes)
            writer.nonZero("droppedAttributesCount", record.droppedAttributesCount)
            writer.nonZero("flags", record.flags)
            writer.id("traceId", record.traceID?.hex)
            writer.id("spanId", record.spanID?.hex)
            writer.nonEmpty("eventName", record.eventName)
        }
    }
}

extension JSONWriter {
    fileprivate mutating func resourceSpans(_ group: ResourceSpans) {
        object { writer in
            writer.resource(group.resource)
            writer.list("scopeSpans", group.scopeSpans) { writer, scope in
                writer.object { writer in
                    writer.scope(scope.scope)
                    writer.list("spans", scope.spans) { writer, span in writer.span(span) }
                    writer.nonEmpty("schemaUrl", scope.schemaURL)
                }
            }
            writer.nonEmpty("schemaUrl", group.schemaURL)
        }
    }
}
