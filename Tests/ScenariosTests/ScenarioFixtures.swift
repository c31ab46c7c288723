import Foundation
import HarnessTestSupport
import Scenarios

/// Paths and stacks the scenario tests share.
enum ScenarioFixtures {
    static let repository = Repository.root
    static let composeFile = repository.appendingPathComponent("compose/docker-compose.yml")
    static let launcher = DemoServiceLauncher(executable: BuiltProducts.folder.appendingPathComponent("DemoService"))

    /// Settings with shorter deadlines, for scenarios expected to fail.
    static var quickSettings: ScenarioSettings {
        var settings = ScenarioSettings()
        settings.pollTimeout = .seconds(10)
        settings.segmentDuration = .seconds(1)
        settings.segmentPairs = 1
        return settings
    }

    /// Runs `scenario` alone on a local stack made by `driver` and returns its result.
    static func run(
        _ scenario: any Scenario,
        driver: LocalStackDriver = LocalStackDriver(demoService: launcher),
        settings: ScenarioSettings = quickSettings
    ) async -> ScenarioResult {
        let report = await ScenarioRunner(driver: driver, scenarios: [scenario], settings: settings).run()
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
