public import StackConfiguration

/// The collector a configuration is written for: its distribution and version. Rules about
/// removed components and default bind addresses depend on them.
public struct CollectorTarget: Sendable, Hashable, CustomStringConvertible {
    /// The distribution.
    public var distribution: CollectorDistribution
    /// The version, or `nil` when unknown (the checker then assumes a current one).
    public var version: SemanticVersion?

    /// Creates a target.
    public init(distribution: CollectorDistribution, version: SemanticVersion?) {
        self.distribution = distribution
        self.version = version
    }

    /// The collector version whose component lists the checker has.
    public static var knownVersion: String { KnownCollectorComponents.manifestVersion }

    /// The contrib distribution at the version of the checker's component lists.
    public static let current = CollectorTarget(distribution: .contrib, version: SemanticVersion(lenient: KnownCollectorComponents.manifestVersion))

    /// The target of a compose service's image.
    init(image: ImageReference?, kind: ImageKind) {
        guard case .collector(let distribution) = kind else {
            self = .current
            return
        }
        self.init(distribution: distribution, version: image?.version)
    }

    /// The component types of the distribution's `section`, when known. The k8s and otlp
    /// distributions are subsets of contrib; contrib's list is used for them so that nothing
    /// real is reported unknown.
    func knownTypes(in section: String) -> Set<String>? {
        switch distribution {
        case .core: KnownCollectorComponents.core[section]
        case .contrib, .k8s, .otlp: KnownCollectorComponents.contrib[section]
        case .custom: nil
        }
    }

    /// Whether server endpoints default to localhost (since v0.104).
    var defaultsToLocalhost: Bool { (version ?? SemanticVersion(0, 104)) >= SemanticVersion(0, 104) }

    /// The distribution's binary name (`otelcol`, `otelcol-contrib`, …).
    public var distributionName: String { distribution.binaryName }

    public var description: String { distribution.binaryName + (version.map { " \($0)" } ?? "") }
}
