import Foundation
import TelemetryModel

extension LogsData {
    init(wire request: PBLogsRequest) throws(OTLPDecodingError) {
        var groups: [ResourceLogs] = []
        groups.reserveCapacity(request.resourceLogs.count)
        for (index, group) in request.resourceLogs.enumerated() {
            groups.append(try at("resourceLogs[\(index)]") { () throws(OTLPDecodingError) in try ResourceLogs(wire: group) })
        }
        self.init(resourceLogs: groups)
    }

    var wire: PBLogsRequest {
        var request = PBLogsRequest()
        request.resourceLogs = resourceLogs.map(\.wire)
        return request
    }
}

extension ResourceLogs {
    init(wire: PBResourceLogs) throws(OTLPDecodingError) {
        var scopes: [ScopeLogs] = []
        scopes.reserveCapacity(wire.scopeLogs.count)
        for (index, scope) in wire.scopeLogs.enumerated() {
            scopes.append(try at("scopeLogs[\(index)]") { () throws(OTLPDecodingError) in try ScopeLogs(wire: scope) })
        }
        self.init(
            resource: try at("resource") { () throws(OTLPDecodingError) in try Resource(wire: wire.resource) },
            scopeLogs: scopes,
            schemaURL: wire.schemaURL
        )
    }

    var wire: PBResourceLogs {
        var group = PBResourceLogs()
        group.resource = resource.wire
        group.scopeLogs = scopeLogs.map(\.wire)
        group.schemaURL = schemaURL
        return group
    }
}

extension ScopeLogs {
    init(wire: PBScopeLogs) throws(OTLPDecodingError) {
        var records: [LogRecord] = []
        records.reserveCapacity(wire.logRecords.count)
        for (index, record) in wire.logRecords.enumerated() {
            records.append(try at("logRecords[\(index)]") { () throws(OTLPDecodingError) in try LogRecord(wire: record) })
        }
        self.init(
            scope: try at("scope") { () throws(OTLPDecodingError) in try InstrumentationScope(wire: wire.scope) },
            logRecords: records,
            schemaURL: wire.schemaURL
        )
    }

    var wire: PBScopeLogs {
        var group = PBScopeLogs()
        group.scope = scope.wire
        group.logRecords = logRecords.map(\.wire)
        group.schemaURL = schemaURL
        return group
    }
}

extension LogRecord {
    init(wire: PBLogRecord) throws(OTLPDecodingError) {
        self.init(
            timeUnixNano: wire.timeUnixNano,
            observedTimeUnixNano: wire.observedTimeUnixNano,
            severityNumber: try knownEnum(
                wire.severityNumber.rawValue,
                as: SeverityNumber.self,
                name: "SeverityNumber",
                field: "severityNumber"
            ),
            severityText: wire.severityText,
            body: wire.hasBody
                ? try at("body") { () throws(OTLPDecodingError) in try AttributeValue(wire: wire.body, depth: 0) } : nil,
            attributes: try at("attributes") { () throws(OTLPDecodingError) in try Attributes(wire: wire.attributes) },
            droppedAttributesCount: wire.droppedAttributesCount,
            flags: wire.flags,
            traceID: try TraceID.optional(wire: wire.traceID, field: "traceId"),
            spanID: try SpanID.optional(wire: wire.spanID, field: "spanId"),
            eventName: wire.eventName
        )
    }

    var wire: PBLogRecord {
        var record = PBLogRecord()
        record.timeUnixNano = timeUnixNano
        record.observedTimeUnixNano = observedTimeUnixNano
        record.severityNumber = .init(rawValue: Int(severityNumber.rawValue)) ?? .unspecified
        record.severityText = severityText
        if let body { record.body = body.wire }
        record.attributes = attributes.wire
        record.droppedAttributesCount = droppedAttributesCount
        record.flags = flags
        if let traceID { record.traceID = traceID.wire }
        if let spanID { record.spanID = spanID.wire }
        record.eventName = eventName
        return record
    }
}
