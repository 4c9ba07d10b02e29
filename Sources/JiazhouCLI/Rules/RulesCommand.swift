import ArgumentParser
import JiazhouRules

/// `jiazhou rules …`: the rules language and rule sets.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Try the rules language (a subset of CEL) and work with rule sets.",
        subcommands: [Expr.self, RulesCheckCommand.self, RulesPublishCommand.self, RulesShowCommand.self, RulesEvalCommand.self]
    )

    /// `jiazhou rules expr 'EXPR' [--facts JSON]`: evaluates one expression.
    struct Expr: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expr",
            abstract: "Evaluate one expression and print its value as JSON.",
            discussion: """
                The variables are the members of --facts, typed by their values (objects are records, \
                arrays lists); the expression is type-checked against them, then evaluated. On an error, \
                the position and a caret under the expression are printed, and the exit status is 1.

                  jiazhou rules expr '"银龄" in volunteer.tags && activity.minutes >= 60' \\
                      --facts '{"volunteer": {"tags": ["银龄"]}, "activity": {"minutes": 90}}'
                """
        )

        @Argument(help: "The expression, e.g. '1 + 2 * 3' or 'timestamp(\"2026-11-23T08:30:00+08:00\").getDayOfWeek(\"+08:00\")'.")
        var expression: String

        @Option(name: .long, help: "A JSON object whose members are the expression's variables.")
        var facts: String?

        func run() async throws {
            let outcome = ExpressionTrial.run(expression, facts: facts)
            guard outcome.succeeded else {
                Terminal.error(outcome.output)
                throw ExitCode(1)
            }
            print(outcome.output)
        }
    }
}
