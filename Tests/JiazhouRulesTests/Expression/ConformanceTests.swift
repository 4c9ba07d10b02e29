@testable import JiazhouRules
import Testing

/// The cel-spec conformance cases of our subset (Conformance/README.md says
/// which were left out, and why). Each is type-checked against its declared
/// variables — unless cel-spec disables checking for it — and evaluated.
@Suite struct ConformanceTests {
    /// Also fails if the data file is missing or malformed, which would
    /// otherwise leave the parametrised test below with nothing to run.
    @Test func theTranscriptionIsReadWhole() throws {
        let cases = try ConformanceCase.loaded.get()
        #expect(cases.count == 388)
        #expect(Set(cases.map(\.name)).count == cases.count, "case names repeat")
    }

    @Test(arguments: ConformanceCase.all)
    func celSpecCaseHolds(_ c: ConformanceCase) throws {
        var bindings = Bindings()
        for variable in c.variables {
            bindings[variable.name] = try Expression(parsing: variable.literal).evaluate(Bindings())
        }
        let schema = Schema(bindings.values.mapValues(ValueType.init(of:)))
        if case .checkError(let kind) = c.expectation {
            #expect(throws: Expression.Error.self, "the checker should refuse it") { try Expression(c.source, schema: schema) }
            try expectEvaluation(try Expression(parsing: c.source), bindings, .error(kind))
            return
        }
        let expression = c.checked ? try Expression(c.source, schema: schema) : try Expression(parsing: c.source)
        try expectEvaluation(expression, bindings, c.expectation!)
    }

    private func expectEvaluation(_ expression: Expression, _ bindings: Bindings, _ expectation: ConformanceCase.Expectation) throws {
        do {
            let value = try expression.evaluate(bindings)
            #expect(expectation == .value(value.description))
        } catch {
            #expect(expectation == .error(error.kind.rawValue), "\(error)")
        }
    }
}
