/// Log records grouped by resource and scope, as one OTLP export request carries them (OTLP `LogsData`).
public struct LogsData: Sendable, Hashable, Codable {
    /// The groups, one per producing resource.
    public var resourceLogs: [ResourceLogs]

    /// Creates logs data.
    public init(resourceLogs: [ResourceLogs] = []) {
        self.resourceLogs = resourceLogs
    }

    /// Every log record, in order, without its resource and scope.
    public var logRecords: [LogRecord] {
        resourceLogs.flatMap { $0.scopeLogs.flatMap(\.logRecords) }
    }
}

/// The log records of one resource (OTLP `ResourceLogs`).
public struct ResourceLogs: Sendable, Hashable, Codable {
    /// The resource that produced the records.
    public var resource: Resource
    /// The records, grouped by instrumentation scope.
    public var scopeLogs: [ScopeLogs]
    /// The schema URL of the resource's attributes; empty when none.
    public var schemaURL: String

    /// Creates a group.
    public init(resource: Resource = Resource(), scopeLogs: [ScopeLogs] = [], schemaURL: String = "") {
        self.resource = resource
        self.scopeLogs = scopeLogs
        self.schemaURL = schemaURL
    }
}

/// The log records of one instrumentation scope (OTLP `ScopeLogs`).
public struct ScopeLogs: Sendable, Hashable, Codable {
    /// The scope that produced the records.
    public var scope: InstrumentationScope
    /// The records.
    public var logRecords: [LogRecord]
    /// The schema URL of the records' attributes; empty when none.
    public var schemaURL: String

    /// Creates a group.
    public init(scope: InstrumentationScope = InstrumentationScope(), logRecords: [LogRecord] = [], schemaURL: String = "") {
        self.scope = scope
        self.logRecords = logRecords
        self.schemaURL = schemaURL
    }
}
