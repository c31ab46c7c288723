import Foundation
import HarnessTestSupport
import Scenarios
import StackConfiguration

/// Paths and stacks the scenario tests share.
enum ScenarioFixtures {
    static let repository = Repository.root
    static let composeFile = repository.appendingPathComponent("compose/docker-compose.yml")

    /// The demo's stack file, read anew (each test breaks its own copy).
    static func demoPlan() throws -> StackFile {
        try StackFile.load(Repository.file("Fixtures/demo.stack.yaml"))
    }

    /// Settings with shorter deadlines, for scenarios expected to fail.
    static var quickSettings: ScenarioSettings {
        var settings = ScenarioSettings()
        settings.pollTimeout = .seconds(10)
        settings.resilienceOverrides.segment = .seconds(1)
        settings.resilienceOverrides.pairs = 1
        settings.resilienceOverrides.maximumPairs = 1
        return settings
    }

    /// Runs `scenario` alone on a local stack of `plan` (or the one `driver` makes) and returns
    /// its result.
    static func run(
        _ scenario: any Scenario,
        plan: StackFile,
        driver: LocalStackDriver? = nil,
        settings: ScenarioSettings = quickSettings
    ) async -> ScenarioResult {
        let driver = driver ?? LocalStackDriver(plan: plan, products: BuiltProducts.folder)
        let report = await ScenarioRunner(plan: plan, driver: driver, scenarios: [scenario], settings: settings).run()
        return report.results[0]
    }

    /// A copy of the project's Grafana provisioning and compose file in a temporary folder, to
    /// break on purpose; removed by the caller.
    static func copyOfGrafanaProvisioning() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grafana-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("compose"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Fixtures/stack"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: composeFile, to: folder.appendingPathComponent("compose/docker-compose.yml"))
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("Fixtures/stack/grafana"),
            to: folder.appendingPathComponent("Fixtures/stack/grafana")
        )
        return folder
    }
}

extension StackFile {
    /// Sets `name` to `value` in the environment of every service.
    mutating func setEnvironment(_ name: String, _ value: String, services: [String]? = nil) {
        for index in self.services.indices where services?.contains(self.services[index].name) ?? true {
            self.services[index].environment[name] = value
        }
    }
}
