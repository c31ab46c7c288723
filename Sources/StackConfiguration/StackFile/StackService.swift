/// A service under test, as the stack file describes it for each driver.
public struct StackService: Sendable, Hashable {
    /// How the local driver learns that the service listens.
    public enum Readiness: Sendable, Hashable {
        /// A free port is given through `{port}` (and `PORT`); ready when `GET path` answers 200.
        case healthPath(String)
        /// The service writes `{"http":N}` to the file given through `{port-file}`.
        case portFile
    }

    /// Its name, as requests and expectations refer to it.
    public var name: String
    /// Local driver: the command and its arguments; `{port}`, `{port-file}` and
    /// `${services.NAME.url}` are replaced.
    public var command: [String]
    /// Local driver: the working directory, relative to the stack file's folder.
    public var workingDirectory: String?
    /// Local driver: environment variables added to the harness's own (without `OTEL_*`); the
    /// same placeholders as the command, and `${collector.otlp_grpc}` / `${collector.otlp_http}`.
    public var environment: [String: String]
    /// Local driver: how readiness is learnt.
    public var readiness: Readiness
    /// Local driver: how long it may take to become ready.
    public var startTimeout: Duration
    /// Compose driver: the compose service that runs it (defaults to ``name``).
    public var composeService: String
    /// Compose driver: its container port (published to the host).
    public var containerPort: Int?
    /// External driver: where it answers.
    public var url: String?
    /// Where the service is defined in the stack file.
    public var location: SourceLocation

    /// Creates a service.
    public init(
        name: String,
        command: [String] = [],
        workingDirectory: String? = nil,
        environment: [String: String] = [:],
        readiness: Readiness = .healthPath("/"),
        startTimeout: Duration = .seconds(60),
        composeService: String? = nil,
        containerPort: Int? = nil,
        url: String? = nil,
        location: SourceLocation = .start
    ) {
        self.name = name
        self.command = command
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.readiness = readiness
        self.startTimeout = startTimeout
        self.composeService = composeService ?? name
        self.containerPort = containerPort
        self.url = url
        self.location = location
    }

    /// The names of the services `text` refers to as `${services.NAME.url}`.
    public static func references(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "${services.") {
            let after = rest[start.upperBound...]
            guard let end = after.range(of: "}") else { break }
            let reference = after[..<end.lowerBound]
            if let dot = reference.lastIndex(of: "."), reference[reference.index(after: dot)...] == "url" {
                names.append(String(reference[..<dot]))
            } else {
                names.append(String(reference))
            }
            rest = after[end.upperBound...]
        }
        return names
    }
}

/// A named request the scenarios send to a service.
public struct TrafficRequest: Sendable, Hashable {
    /// Its name, as expectations refer to it.
    public var name: String
    /// The service it goes to.
    public var service: String
    /// The HTTP method.
    public var method: String
    /// The path (and query).
    public var path: String
    /// Header fields.
    public var headers: [String: String]
    /// The body, if any.
    public var body: String?
    /// How many are sent when the request is used as traffic.
    public var count: Int
    /// The status it must be answered with; any 2xx when `nil`.
    public var expectedStatus: Int?
    /// Where it is defined.
    public var location: SourceLocation

    /// Creates a request.
    public init(
        name: String,
        service: String,
        method: String = "GET",
        path: String = "/",
        headers: [String: String] = [:],
        body: String? = nil,
        count: Int = 1,
        expectedStatus: Int? = nil,
        location: SourceLocation = .start
    ) {
        self.name = name
        self.service = service
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.count = count
        self.expectedStatus = expectedStatus
        self.location = location
    }
}
