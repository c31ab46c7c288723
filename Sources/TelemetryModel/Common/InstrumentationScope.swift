/// The library or component that produced telemetry (a tracer's, meter's or logger's name).
public struct InstrumentationScope: Sendable, Hashable, Codable {
    /// The scope's name, for example `swift-otel` or a module name. Empty when unknown.
    public var name: String
    /// The scope's version. Empty when unknown.
    public var version: String
    /// Additional attributes of the scope.
    public var attributes: Attributes
    /// How many attributes the producer dropped because of limits.
    public var droppedAttributesCount: UInt32

    /// Creates a scope.
    public init(name: String = "", version: String = "", attributes: Attributes = [:], droppedAttributesCount: UInt32 = 0) {
        self.name = name
        self.version = version
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
    }
}
