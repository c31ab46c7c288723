/// One end-to-end check of an observability stack. A scenario talks to the stack's endpoints
/// only; the driver decides what answers behind them.
public protocol Scenario: Sendable {
    /// The scenario's short name, for example `trace-flow`: how it is selected and reported.
    var name: String { get }
    /// What the scenario proves, in one sentence.
    var summary: String { get }
    /// Runs the scenario.
    ///
    /// - Returns: what was observed when it passed, in one line.
    /// - Throws: ``ScenarioFailure`` naming the cause and the last observation, or
    ///   ``ScenarioSkipped`` when the stack cannot run it.
    func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String
}
