public import Foundation

/// The executables this package builds, found where `swift test` built them: next to the
/// running test bundle, so that `swift test -c release` and `--scratch-path` find theirs.
public enum BuiltProducts {
    /// Why a product could not be found.
    public struct Missing: Error, CustomStringConvertible {
        /// The product's name.
        public var product: String
        /// Where it was looked for.
        public var searched: [String]

        public var description: String {
            "no built product \(product) in \(searched.joined(separator: ", ")); build it first (swift build --product \(product))"
        }
    }

    /// The folder of the running test bundle (`.build/debug`, `.build/release`, or the same under a
    /// scratch path), or `OTEL_HARNESS_PRODUCTS_DIR` when set.
    public static var folder: URL {
        if let override = ProcessInfo.processInfo.environment["OTEL_HARNESS_PRODUCTS_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return bundleFolder
    }

    /// The executable `product` (for example `otel-harness` or `DemoService`).
    ///
    /// - Throws: ``Missing`` when it has not been built.
    public static func executable(_ product: String) throws -> URL {
        let candidate = folder.appendingPathComponent(product)
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw Missing(product: product, searched: [folder.path])
        }
        return candidate
    }

    /// The path of `product`, for APIs that take paths; a path that does not exist when the
    /// product is not built (the caller's own check reports it).
    public static func path(_ product: String) -> String {
        folder.appendingPathComponent(product).path
    }

    /// The folder holding the running test executable: on Linux the `.xctest` executable itself
    /// sits in the build folder, on macOS it is inside a bundle there.
    private static let bundleFolder: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            url = URL(fileURLWithPath: executable)
        }
        // Walk up out of a `.xctest` bundle (macOS) to the build folder.
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if !url.lastPathComponent.hasSuffix(".xctest") && !["Contents", "MacOS"].contains(url.lastPathComponent) { break }
        }
        return url
    }()
}
