import Foundation
import StackConfiguration

/// The checks of a compose file on its own: images, healthchecks, dependencies and mounts.
enum ComposeRules {
    static func check(_ project: ComposeProject) -> [Finding] {
        let file = project.file.name
        var findings: [Finding] = []
        if let version = project.file.root.entry("version") {
            findings.append(
                ConfigRules.composeObsoleteVersion.finding(
                    "the top-level `version:` key is obsolete; Compose ignores it",
                    in: file,
                    at: version.keyLocation
                )
            )
        }
        for service in project.services {
            findings += image(service, file: file)
            findings += healthcheck(service, file: file)
            findings += dependencies(service, in: project)
            for mount in service.mounts where !FileManager.default.fileExists(atPath: mount.host.path) {
                findings.append(
                    ConfigRules.composeMissingMountSource.finding(
                        "service \(service.name) mounts \(mount.source), which does not exist (\(mount.host.path))",
                        in: file,
                        at: mount.location
                    )
                )
            }
        }
        return findings
    }

    private static func image(_ service: ComposeProject.Service, file: String) -> [Finding] {
        guard let image = service.image else { return [] }
        var findings: [Finding] = []
        if !image.isPinned {
            let what = image.tag == nil ? "has no tag" : "uses the `latest` tag"
            findings.append(
                ConfigRules.composeUnpinnedImage.finding("service \(service.name)'s image \(image) \(what)", in: file, at: service.imageLocation)
            )
        }
        if service.kind == .jaegerV1 {
            findings.append(
                ConfigRules.composeEndOfLifeImage.finding(
                    "service \(service.name) runs \(image.repository), a Jaeger v1 image; Jaeger v1 reached end of life on 2025-12-31",
                    in: file,
                    at: service.imageLocation,
                    fix: "Use jaegertracing/jaeger:2.x (one binary with OTLP on 4317/4318, the query UI on 16686 and health on 13133 at /status)."
                )
            )
        }
        return findings
    }

    private static func healthcheck(_ service: ComposeProject.Service, file: String) -> [Finding] {
        guard let check = service.healthcheck, let programs = service.kind.programs, !programs.contains(check.program) else { return [] }
        let image = service.image?.description ?? service.name
        let why: String
        if case .collector = service.kind {
            why = "the collector image is built FROM scratch: it has no shell, no curl and no wget"
        } else {
            why = "\(image) is busybox-based and has no \(check.program)"
        }
        return [
            ConfigRules.composeHealthcheckNotRunnable.finding(
                "service \(service.name)'s healthcheck runs `\(check.program)` (`\(check.commandLine)`), but \(why)",
                in: file,
                at: check.location,
                fix: programs.contains("wget")
                    ? "Use busybox wget: [\"CMD\", \"wget\", \"-q\", \"-O\", \"/dev/null\", \"http://127.0.0.1:PORT/PATH\"]." : nil
            )
        ]
    }

    private static func dependencies(_ service: ComposeProject.Service, in project: ComposeProject) -> [Finding] {
        let file = project.file.name
        var findings: [Finding] = []
        for dependency in service.dependencies {
            let target = project.service(dependency.service)
            if dependency.isRequired, !service.kind.isObservability, service.kind != .busybox, let target, target.kind.isObservability {
                findings.append(
                    ConfigRules.composeApplicationDependsOnObservability.finding(
                        "application service \(service.name) depends on \(target.name) (\(target.image?.repository ?? "observability")): it cannot start while observability is down",
                        in: file,
                        at: dependency.location
                    )
                )
            }
            if dependency.condition != "service_healthy" && dependency.condition != "service_completed_successfully" {
                let how = dependency.condition.map { "`condition: \($0)`" } ?? "no condition"
                let hasHealthcheck = target?.healthcheck != nil
                findings.append(
                    ConfigRules.composeDependsOnNotHealthy.finding(
                        "service \(service.name) depends on \(dependency.service) with \(how): it may start before \(dependency.service) is ready"
                            + (hasHealthcheck || target == nil ? "" : ", and \(dependency.service) has no healthcheck"),
                        in: file,
                        at: dependency.location
                    )
                )
            }
        }
        return findings
    }
}
