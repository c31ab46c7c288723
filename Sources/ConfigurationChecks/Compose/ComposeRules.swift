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
            findings += missingMountSources(service, file: file)
        }
        return findings
    }

    /// Bind mounts whose host path is missing. Paths outside the project (`/var/run/docker.sock`,
    /// `/proc`) belong to the host the stack runs on, not to this checkout: not checked. A
    /// missing folder is created by Compose (short syntax), which is how output and data folders
    /// come to be: info. A missing file, a missing folder mounted read-only (the container reads
    /// it), or a long-syntax mount without `create_host_path` is an error: Compose refuses the
    /// mount, or the container finds an empty folder where its input should be.
    private static func missingMountSources(_ service: ComposeProject.Service, file: String) -> [Finding] {
        var findings: [Finding] = []
        for mount in service.mounts where !mount.source.hasPrefix("/") && !FileManager.default.fileExists(atPath: mount.host.path) {
            if !mount.createsHostPath {
                findings.append(
                    ConfigRules.composeMissingMountSource.finding(
                        "service \(service.name) mounts \(mount.source), which does not exist (\(mount.host.path)); a long-syntax bind mount without `create_host_path: true` makes Compose refuse to create the container",
                        in: file,
                        at: mount.location
                    )
                )
            } else if looksLikeFile(mount.source) || looksLikeFile(mount.target) {
                findings.append(
                    ConfigRules.composeMissingMountSource.finding(
                        "service \(service.name) mounts \(mount.source) at \(mount.target), which does not exist (\(mount.host.path)): Compose creates an empty folder there, and the container finds a folder where it reads a file",
                        in: file,
                        at: mount.location
                    )
                )
            } else if mount.isReadOnly {
                findings.append(
                    ConfigRules.composeMissingMountSource.finding(
                        "service \(service.name) mounts \(mount.source) read-only at \(mount.target), but it does not exist (\(mount.host.path)): Compose creates an empty folder, and the container reads nothing there",
                        in: file,
                        at: mount.location
                    )
                )
            } else {
                findings.append(
                    ConfigRules.composeMissingMountSource.finding(
                        "service \(service.name) mounts the folder \(mount.source), which does not exist yet: Compose creates it empty (fine for an output or data folder)",
                        in: file,
                        at: mount.location,
                        fix: "Nothing to do if the container writes there; otherwise correct the path (it is relative to the compose file).",
                        severity: .info
                    )
                )
            }
        }
        return findings
    }

    /// Whether a path names a file rather than a folder: its last part has an extension
    /// (`collector.yaml`, `.env`; not `conf.d`).
    static func looksLikeFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        guard let dot = name.lastIndex(of: ".") else { return false }
        let fileExtension = name[name.index(after: dot)...]
        return (2...10).contains(fileExtension.count) && fileExtension.allSatisfy { $0.isLetter || $0.isNumber }
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
                // Waiting for health couples the application to observability; a plain start
                // order does not (Compose starts it even if the collector then crashes).
                let waits = dependency.condition == "service_healthy" || dependency.condition == "service_completed_successfully"
                findings.append(
                    ConfigRules.composeApplicationDependsOnObservability.finding(
                        waits
                            ? "application service \(service.name) waits for \(target.name) (\(target.image?.repository ?? "observability")) with `condition: \(dependency.condition ?? "")`: while observability is down or unhealthy, it does not start"
                            : "application service \(service.name) depends on \(target.name) (\(target.image?.repository ?? "observability")): Compose starts observability with it, but does not hold it back when observability fails",
                        in: file,
                        at: dependency.location,
                        severity: waits ? nil : .info
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
