public import Foundation

/// A platform team's stack as the integration scenarios see it: the services under test and how
/// each driver reaches them, the requests to send, the telemetry they must yield, and the
/// resilience and dashboard settings. Read from YAML with ``load(_:)``; the format is documented
/// in the Scenarios catalog's "Stack file reference".
public struct StackFile: Sendable, Hashable {
    /// The formats this version reads.
    public static let supportedVersions = [1]

    /// The format's version.
    public var version: Int
    /// The stack's name (the file's name without extension when not given).
    public var name: String
    /// The file's folder, against which relative paths resolve.
    public var folder: URL
    /// The services under test, in file order.
    public var services: [StackService]
    /// The named requests, in file order.
    public var traffic: [TrafficRequest]
    /// The expected telemetry.
    public var expectations: StackExpectations
    /// The resilience scenario's settings; it is skipped without them.
    public var resilience: ResilienceSettings?
    /// Where the dashboards are; the dashboard scenario is skipped without them.
    public var dashboards: DashboardSettings?
    /// How the compose driver runs the stack.
    public var compose: ComposeSettings?
    /// How the external driver reaches the stack.
    public var external: ExternalSettings?

    /// The service named `name`.
    public func service(_ name: String) -> StackService? { services.first { $0.name == name } }

    /// The request named `name`.
    public func request(_ name: String) -> TrafficRequest? { traffic.first { $0.name == name } }

    /// A path of the file resolved against its folder (absolute paths stay as they are).
    public func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path).standardizedFileURL
    }

    /// Reads and validates the stack file at `url`.
    ///
    /// - Throws: ``StackFileError`` with every problem found, each with its line and column.
    public static func load(_ url: URL) throws(StackFileError) -> StackFile {
        let name = ConfigFile.displayName(for: url)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw StackFileError(problems: [StackFileProblem(file: name, location: nil, message: "cannot read \(url.path)")])
        }
        guard data.count <= ConfigDocument.defaultSizeLimit else {
            throw StackFileError(problems: [
                StackFileProblem(file: name, location: nil, message: "is \(data.count) bytes, over the limit of \(ConfigDocument.defaultSizeLimit)")
            ])
        }
        return try parse(String(decoding: data, as: UTF8.self), file: name, folder: url.deletingLastPathComponent())
    }

    /// Reads and validates stack-file YAML `text`, naming the file `file` in problems.
    ///
    /// - Throws: ``StackFileError`` with every problem found.
    public static func parse(_ text: String, file: String, folder: URL) throws(StackFileError) -> StackFile {
        let root: ConfigNode
        do {
            guard let parsed = try ConfigDocument.parse(text) else {
                throw StackFileError(problems: [StackFileProblem(file: file, location: nil, message: "is empty")])
            }
            root = parsed
        } catch let error as ConfigParseError {
            throw StackFileError(problems: [StackFileProblem(file: file, location: error.location, message: error.message)])
        } catch let error as StackFileError {
            throw error
        } catch {
            throw StackFileError(problems: [StackFileProblem(file: file, location: nil, message: "\(error)")])
        }
        var parser = StackFileParser(reader: StackFileReader(file: file))
        let stack = parser.stack(root, folder: folder, defaultName: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
        guard let stack, parser.reader.problems.isEmpty else {
            throw StackFileError(problems: parser.reader.problems.sorted { ($0.location ?? .start) < ($1.location ?? .start) })
        }
        return stack
    }
}
