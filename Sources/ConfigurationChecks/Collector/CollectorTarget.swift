public import StackConfiguration

/// The collector a configuration is written for: its distribution and version. Rules about
/// components, keys and default bind addresses depend on them.
public struct CollectorTarget: Sendable, Hashable, CustomStringConvertible {
    /// The distribution.
    public var distribution: CollectorDistribution
    /// The version, or `nil` when unknown (the checker then assumes a current one).
    public var version: SemanticVersion?
    /// Whether nothing named the distribution (no image, no `--collector-distribution`): the
    /// checker assumes contrib, and a component contrib lacks is then no error, only a likely
    /// typo when it is close to one contrib has.
    public var isAssumed: Bool

    /// Creates a target.
    public init(distribution: CollectorDistribution, version: SemanticVersion?, isAssumed: Bool = false) {
        self.distribution = distribution
        self.version = version
        self.isAssumed = isAssumed
    }

    /// The collector version whose component lists the checker has.
    public static var knownVersion: String { KnownCollectorComponents.manifestVersion }

    /// The contrib distribution at the version of the checker's component lists.
    public static let current = CollectorTarget(distribution: .contrib, version: SemanticVersion(lenient: KnownCollectorComponents.manifestVersion))

    /// What a collector file run by nothing the checker sees is checked against: contrib at the
    /// version of the checker's lists, as an assumption, or the distribution its components
    /// give away (Jaeger's).
    static func assumed(for root: ConfigNode) -> CollectorTarget {
        let types = ["receivers", "processors", "exporters", "extensions", "connectors"].flatMap { section in
            (root[section]?.entries ?? []).map { (section, CollectorRules.type(of: $0.key)) }
        }
        if types.contains(where: { KnownCollectorComponents.jaegerOwn[$0.0]?.contains($0.1) ?? false }) {
            return CollectorTarget(distribution: .jaeger, version: nil)
        }
        var target = current
        target.isAssumed = true
        return target
    }

    /// The target of a compose service's image.
    init(image: ImageReference?, kind: ImageKind) {
        guard let distribution = kind.collectorDistribution else {
            self = .current
            return
        }
        // Jaeger's version is its own (2.x), not the collector's it is built on.
        self.init(distribution: distribution, version: distribution == .jaeger ? nil : image?.version)
    }

    /// The component types of the distribution's `section`, when known. The k8s distribution
    /// is a subset of contrib; contrib's list is used for it so that nothing real is reported
    /// unknown.
    func knownTypes(in section: String) -> Set<String>? {
        switch distribution {
        case .core: KnownCollectorComponents.core[section]
        case .contrib, .k8s: KnownCollectorComponents.contrib[section]
        case .otlp: KnownCollectorComponents.otlp[section]
        case .ebpfProfiler: KnownCollectorComponents.ebpfProfiler[section]
        case .jaeger: KnownCollectorComponents.jaeger[section]
        case .custom: nil
        }
    }

    /// Whether server endpoints default to localhost (since v0.104).
    var defaultsToLocalhost: Bool { (version ?? SemanticVersion(0, 104)) >= SemanticVersion(0, 104) }

    /// The distribution and the release of the component list it is checked against:
    /// `otelcol-contrib (as of v0.157.0)`, `jaeger (as of v2.20.0)`.
    var componentListName: String {
        "\(distribution.binaryName) (as of v\(distribution == .jaeger ? KnownCollectorComponents.jaegerVersion : Self.knownVersion))"
    }

    /// The distribution's binary name (`otelcol`, `otelcol-contrib`, …).
    public var distributionName: String { distribution.binaryName }

    public var description: String { distribution.binaryName + (version.map { " \($0)" } ?? "") }
}
