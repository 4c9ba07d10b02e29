public import JiazhouCore

/// The reason `body` was refused, or `nil` if it succeeded (or failed with
/// something that is not a ledger refusal). Lets a test say
/// `#expect(await refusal { try await … } == .forbidden)`.
public func refusal<T>(_ body: () async throws -> T) async -> Reason? {
    do {
        _ = try await body()
        return nil
    } catch let error as LedgerError {
        return error.reason
    } catch {
        return nil
    }
}

/// The same for synchronous bodies.
public func refusal<T>(_ body: () throws -> T) -> Reason? {
    do {
        _ = try body()
        return nil
    } catch let error as LedgerError {
        return error.reason
    } catch {
        return nil
    }
}
