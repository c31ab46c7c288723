/// The entity that produced telemetry, for example a service instance, described by attributes.
public struct Resource: Sendable, Hashable, Codable {
    /// Attributes such as `service.name` and `service.instance.id`.
    public var attributes: Attributes
    /// How many attributes the producer dropped because of limits.
    public var droppedAttributesCount: UInt32
    /// References to the entities this resource is made of (OTLP `entity_refs`, in development).
    public var entityReferences: [EntityReference]

    /// Creates a resource.
    public init(
        attributes: Attributes = [:],
        droppedAttributesCount: UInt32 = 0,
        entityReferences: [EntityReference] = []
    ) {
        self.attributes = attributes
        self.droppedAttributesCount = droppedAttributesCount
        self.entityReferences = entityReferences
    }

    /// The `service.name` attribute, when it is a string.
    public var serviceName: String? { attributes["service.name"]?.stringValue }
}

/// A reference from a resource to one entity whose attributes it carries (OTLP `EntityRef`).
public struct EntityReference: Sendable, Hashable, Codable {
    /// The schema URL of the entity's type, if any.
    public var schemaURL: String
    /// The entity type, for example `service` or `host`.
    public var type: String
    /// The resource attribute keys that identify the entity.
    public var identifyingKeys: [String]
    /// The resource attribute keys that describe the entity.
    public var descriptiveKeys: [String]

    /// Creates an entity reference.
    public init(schemaURL: String = "", type: String, identifyingKeys: [String], descriptiveKeys: [String] = []) {
        self.schemaURL = schemaURL
        self.type = type
        self.identifyingKeys = identifyingKeys
        self.descriptiveKeys = descriptiveKeys
    }
}
