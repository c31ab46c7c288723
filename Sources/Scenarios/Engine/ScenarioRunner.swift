import AsyncHTTPClient
public import Foundation
import HarnessSupport
public import StackConfiguration

/// Runs scenarios on a stack a driver brings up, always tearing it down, and saves the
/// components' logs when a scenario fails.
public struct ScenarioRunner: Sendable {
    /// The stack file: services, requests and expected telemetry.
    public var plan: StackFile
    /// The driver bringing the stack up.
    public var driver: any StackDriver
    /// The scenarios, in order.
    public var scenarios: [any Scenario]
    /// The scenarios' settings.
    public var settings: ScenarioSettings
    /// Where to save the components' logs when a scenario fails (`<folder>/<scenario>/<component>.log`);
    /// `nil` keeps none.
    public var logsFolder: URL?

    /// A runner of `scenarios` on `driver`'s stack of `plan`.
    public init(
        plan: StackFile,
        driver: any StackDriver,
        scenarios: [any Scenario] = ScenarioCatalog.all,
        settings: ScenarioSettings = ScenarioSettings(),
        logsFolder: URL? = nil
    ) {
        self.plan = plan
        self.driver = driver
        self.scenarios = scenarios
        self.settings = settings
        self.logsFolder = logsFolder
    }

    /// Runs every scenario; `progress` hears of each one as it starts and ends.
    public func run(progress: @Sendable (String) -> Void = { _ in }) async -> ScenarioReport {
        let client = HTTPClient.untraced()
        let report = await run(with: ScenarioContext(plan: plan, client: client, settings: settings), progress: progress)
        try? await client.shutdown()
        return report
    }

    private func run(with context: ScenarioContext, progress: @Sendable (String) -> Void) async -> ScenarioReport {
        let clock = ContinuousClock()
        let start = clock.now

        progress("starting the \(driver.name) stack")
        let stack: any RunningStack
        do {
            stack = try await driver.start()
        } catch let skipped as ScenarioSkipped {
            return report(status: .skipped, detail: skipped.reason, start: start, clock: clock)
        } catch {
            return report(status: .failed, detail: "the \(driver.name) stack did not come up: \(error)", start: start, clock: clock)
        }
        let startup = clock.now - start
        progress("the \(driver.name) stack is up (\(format(startup)))")

        var results: [ScenarioResult] = []
        for scenario in scenarios {
            progress("running \(scenario.name)")
            let began = clock.now
            var result: ScenarioResult
            var context = context
            context.ledger = TraceLedger()
            do {
                let detail = try await scenario.run(on: stack, context: context)
                result = ScenarioResult(name: scenario.name, summary: scenario.summary, status: .passed, duration: clock.now - began, detail: detail)
            } catch let skipped as ScenarioSkipped {
                result = ScenarioResult(
                    name: scenario.name,
                    summary: scenario.summary,
                    status: .skipped,
                    duration: clock.now - began,
                    detail: skipped.reason
                )
            } catch {
                result = ScenarioResult(
                    name: scenario.name,
                    summary: scenario.summary,
                    status: .failed,
                    duration: clock.now - began,
                    detail: "\(error)"
                )
                result.savedLogs = await saveLogs(of: stack, for: scenario.name)
            }
            result.traceIDs = context.ledger.traceIDs.map(\.hex)
            progress("\(scenario.name): \(result.status.rawValue) (\(format(result.duration)))")
            results.append(result)
            if Task.isCancelled { break }
        }
        await stack.tearDown()
        return ScenarioReport(driver: driver.name, results: results, startup: startup, duration: clock.now - start)
    }

    private func report(status: ScenarioResult.Status, detail: String, start: ContinuousClock.Instant, clock: ContinuousClock) -> ScenarioReport {
        ScenarioReport(
            driver: driver.name,
            results: scenarios.map { ScenarioResult(name: $0.name, summary: $0.summary, status: status, duration: .zero, detail: detail) },
            startup: clock.now - start,
            duration: clock.now - start
        )
    }

    private func saveLogs(of stack: any RunningStack, for scenario: String) async -> [String] {
        guard let logsFolder else { return [] }
        let folder = logsFolder.appendingPathComponent(scenario)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var saved: [String] = []
        for (component, log) in await stack.componentLogs().sorted(by: { $0.key < $1.key }) {
            let file = folder.appendingPathComponent("\(component).log")
            if (try? Data(log.utf8).write(to: file)) != nil { saved.append(file.path) }
        }
        return saved
    }

    private func format(_ duration: Duration) -> String { String(format: "%.1f s", duration.seconds) }
}
