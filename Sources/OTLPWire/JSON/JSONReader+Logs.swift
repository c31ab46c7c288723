import TelemetryModel

extension JSONReader {
    mutating func logs(_ value: JSONValue) throws(OTLPDecodingError) -> LogsData {
        var logs = LogsData()
        for member in try members(of: value, known: ["resourceLogs"]) {
            logs.resourceLogs = try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                    try reader.resourceLogs(element)
                }
            }
        }
        return logs
    }

    private mutating func resourceLogs(_ value: JSONValue) throws(OTLPDecodingError) -> ResourceLogs {
        var group = ResourceLogs()
        for member in try members(of: value, known: ["resource", "scopeLogs", "schemaUrl"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "resource": group.resource = try reader.resource(member.value)
                case "scopeLogs":
                    group.scopeLogs = try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                        try reader.scopeLogs(element)
                    }
                default: group.schemaURL = try reader.string(member.value)
                }
            }
        }
        return group
    }

    private mutating func scopeLogs(_ value: JSONValue) throws(OTLPDecodingError) -> ScopeLogs {
        var group = ScopeLogs()
        for member in try members(of: value, known: ["scope", "logRecords", "schemaUrl"]) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "scope": group.scope = try reader.scope(member.value)
                case "logRecords":
                    group.logRecords = try reader.elements(of: member.value) { (reader: inout JSONReader, element) throws(OTLPDecodingError) in
                        try reader.logRecord(element)
                    }
                default: group.schemaURL = try reader.string(member.value)
                }
            }
        }
        return group
    }

    static let severityNames: [String] = SeverityNumber.allCases.map { severity in
        let suffix =
            severity.rawValue == 0
            ? "UNSPECIFIED" : severity.rangeName + ((severity.rawValue - 1) % 4 == 0 ? "" : String((severity.rawValue - 1) % 4 + 1))
        return "SEVERITY_NUMBER_" + suffix
    }

    private mutating func logRecord(_ value: JSONValue) throws(OTLPDecodingError) -> LogRecord {
        var record = LogRecord()
        let known = [
            "timeUnixNano", "observedTimeUnixNano", "severityNumber", "severityText", "body", "attributes",
            "droppedAttributesCount", "flags", "traceId", "spanId", "eventName",
        ]
        for member in try members(of: value, known: known) {
            try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                switch member.key {
                case "timeUnixNano": record.timeUnixNano = try reader.integer(member.value)
                case "observedTimeUnixNano": record.observedTimeUnixNano = try reader.integer(member.value)
                case "severityNumber":
                    record.severityNumber = try reader.enumeration(
                        member.value,
                        as: SeverityNumber.self,
                        name: "SeverityNumber",
                        names: Self.severityNames
                    )
                case "severityText": record.severityText = try reader.string(member.value)
                case "body": record.body = try reader.anyValue(member.value, depth: 0)
                case "attributes": record.attributes = try reader.attributes(member.value)
                case "droppedAttributesCount": record.droppedAttributesCount = try reader.integer(member.value)
                case "flags": record.flags = try reader.integer(member.value)
                case "traceId": record.traceID = try reader.optionalTraceID(member.value)
                case "spanId": record.spanID = try reader.optionalSpanID(member.value)
                default: record.eventName = try reader.string(member.value)
                }
            }
        }
        return record
    }
}
