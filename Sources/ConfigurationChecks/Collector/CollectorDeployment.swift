import StackConfiguration

/// Where a collector configuration runs: a compose service, with the other services and the
/// Prometheus scrape targets that reach it. Rules about unreachable endpoints need it.
struct CollectorDeployment {
    /// The compose file.
    var project: ComposeProject
    /// The collector's service.
    var service: ComposeProject.Service
    /// `host:port` scrape targets of the project's Prometheus configurations.
    var scrapeTargets: [String]

    /// Why something outside the container reaches `port`: a published port, another service
    /// naming `service:port`, or a scrape target. Empty when nothing does.
    func reachers(of port: Int) -> [String] {
        var reasons: [String] = []
        if service.publishedPorts.contains(port) { reasons.append("port \(port) is published by compose") }
        for other in project.services where other.name != service.name {
            let texts = other.references + (other.healthcheck.map { [$0.commandLine] } ?? [])
            if texts.contains(where: { names(port, in: $0) }) { reasons.append("service \(other.name) connects to \(service.name):\(port)") }
        }
        for target in scrapeTargets where names(port, in: target) { reasons.append("Prometheus scrapes \(target)") }
        return reasons
    }

    /// The health probes aimed at the collector's port 13133, described with their place.
    var healthProbes: [String] { healthProbesWithOrigin.map(\.description) }

    /// The health probes that come from outside the collector's container: its own healthcheck
    /// runs inside it, where a loopback listener answers.
    var outsideHealthProbes: [String] { healthProbesWithOrigin.filter { !$0.fromInside }.map(\.description) }

    private var healthProbesWithOrigin: [(description: String, fromInside: Bool)] {
        var probes: [(String, Bool)] = []
        if service.publishedPorts.contains(13133) { probes.append(("the published port 13133", false)) }
        for other in project.services {
            guard let check = other.healthcheck, check.commandLine.contains(":13133") else { continue }
            let isOwn = other.name == service.name
            if isOwn || names(13133, in: check.commandLine) {
                probes.append(("\(other.name)'s healthcheck (\(project.file.name):\(check.location.line))", isOwn))
            }
        }
        return probes
    }

    private func names(_ port: Int, in text: String) -> Bool {
        ([service.name] + service.aliases.sorted()).contains { Self.mentions(text, host: $0, port: port) }
    }

    /// Whether `text` holds `host:port` as a whole address: not part of a longer host name
    /// (`other-collector:4317`) or a longer port (`collector:43170`).
    static func mentions(_ text: String, host: String, port: Int) -> Bool {
        let needle = "\(host):\(port)"
        var searchFrom = text.startIndex
        while let range = text.range(of: needle, range: searchFrom..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let hostBoundary = before.map { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") } ?? true
            let portBoundary = after.map { !$0.isNumber } ?? true
            if hostBoundary && portBoundary { return true }
            searchFrom = range.upperBound
        }
        return false
    }
}
