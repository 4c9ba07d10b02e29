import JiazhouCore
@testable import JiazhouRules
import Testing

@Suite struct FactsTests {
    @Test func declaredTimestampsAreParsedAndEverythingElseKeepsItsType() throws {
        let facts = try Fixtures.facts
        #expect(facts["activity"]?.description == #"{"category": "elder_care", "minutes": 90, "start": timestamp("2026-11-22T00:30:00Z"), "tags": ["一老一小"]}"#)
        #expect(facts["volunteer"]?.description == #"{"age": 67, "tags": ["银龄", "党员"]}"#)
    }

    @Test func stringsThatLookLikeTimesStayStringsUnlessDeclared() throws {
        let json = try JSONParser.parse(#"{"note": {"when": "2026-11-23T08:30:00+08:00"}}"#)
        let inferred = Schema.inferred(from: json)
        #expect(inferred.variables["note"] == .record("note", ["when": .string]))
        #expect(try inferred.bindings(from: json)["note"]?.description == #"{"when": "2026-11-23T08:30:00+08:00"}"#)
        #expect(Fixtures.compileError("note.when.getHours()", schema: inferred)?.message.contains("called on a timestamp, not string") == true)
    }

    @Test(arguments: [
        (#"{"activity": {"start": "yesterday"}}"#, "activity.start: \"yesterday\" is not an RFC 3339 time"),
        (#"{"activity": {"minutes": "90"}}"#, "activity.minutes: expected int, found string"),
        (#"{"volunteer": {"tags": ["a", 1]}}"#, "volunteer.tags[1]: expected string, found integer"),
        (#"{"volunteer": {"age": null}}"#, "volunteer.age: expected int, found null"),
        (#"{"activity": []}"#, "activity: expected activity, found array"),
        ("[1]", "facts are a JSON object of variables, not array"),
    ])
    func factsThatDoNotMatchTheSchemaAreRefusedByPath(json: String, message: String) throws {
        let error = try #require(throws: Expression.Error.self) { try Fixtures.schema.bindings(from: try JSONParser.parse(json)) }
        #expect(error.stage == .facts)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func undeclaredFieldsAreDroppedAndAbsentOnesStayUnbound() throws {
        let bindings = try Fixtures.schema.bindings(from: try JSONParser.parse(#"{"volunteer": {"age": 70, "phone": "138"}, "other": 1}"#))
        #expect(bindings.values.keys.sorted() == ["volunteer"])
        #expect(bindings["volunteer"]?.description == #"{"age": 70}"#)
        let tags = try Expression("size(volunteer.tags)", schema: Fixtures.schema)
        #expect(throws: Evaluation.Error.self) { try tags.evaluate(bindings) }
        #expect(try Expression("has(volunteer.tags)", schema: Fixtures.schema).evaluate(bindings) == .bool(false))
        #expect(try Expression("activity.minutes", schema: Fixtures.schema).evaluateAmountError(bindings) == .unboundVariable)
    }

    @Test func inferenceTypesObjectsAsRecordsAndMixedArraysAsDyn() throws {
        let schema = Schema.inferred(from: try JSONParser.parse(#"{"a": {"b": [1, "x"], "c": [], "d": [{"e": 1}]}, "n": null, "t": true}"#))
        #expect(schema.variables["a"] == .record("a", ["b": .list(.dyn), "c": .list(.dyn), "d": .list(.record("a.d[]", ["e": .int]))]))
        #expect(schema.variables["n"] == .null)
        #expect(schema.variables["t"] == .bool)
    }

    @Test func intKeyedMapsReadTheirKeysFromJSONText() throws {
        let schema = Schema(["m": .map(key: .int, value: .string)])
        let bindings = try schema.bindings(from: try JSONParser.parse(#"{"m": {"2": "b", "10": "a"}}"#))
        #expect(bindings["m"]?.description == #"{2: "b", 10: "a"}"#)
        #expect(throws: Expression.Error.self) { try schema.bindings(from: try JSONParser.parse(#"{"m": {"x": "b"}}"#)) }
    }

    @Test func valuesBecomeJSONWithTimestampsAsText() throws {
        let value = try Expression(parsing: "{'t': timestamp('2026-11-23T08:30:00+08:00'), 1: [true, null]}").evaluate(Bindings())
        #expect(String(decoding: CanonicalJSON.bytes(value.json), as: UTF8.self) == #"{"1":[true,null],"t":"2026-11-23T00:30:00Z"}"#)
    }
}

extension Expression {
    /// The kind of error evaluating this as an amount raises, if any.
    func evaluateAmountError(_ bindings: Bindings) -> Evaluation.Error.Kind? {
        do {
            _ = try evaluateAmount(bindings)
            return nil
        } catch {
            return error.kind
        }
    }
}
