/// The calls of one line (or of part of a batch line), in order, on their
/// way from the reader to the responder.
struct Slot: Sendable {
    struct Call: Sendable {
        /// `nil` for a notification: run, but not answered.
        let id: ResponseID?
        let outcome: Outcome
    }

    enum Framing: Sendable, Equatable {
        /// One request: its response is the line.
        case single
        /// Part of a batch: the responses of a batch's parts form one array
        /// line, written when the part that `closes` it is answered. A batch
        /// is split only where a write must wait for earlier reads to run.
        case batch(opens: Bool, closes: Bool)
    }

    var calls: [Call]
    var framing: Framing
    /// Bytes of the line charged to this slot, for the bound on what is in flight.
    var lineBytes: Int

    /// What this slot counts against ``RPCLimits/callsInFlight``.
    var weight: Int { max(1, calls.count) }

    static func answer(_ id: ResponseID, _ error: RPCError, lineBytes: Int) -> Slot {
        Slot(calls: [Call(id: id, outcome: .ready(.failure(error)))], framing: .single, lineBytes: lineBytes)
    }
}
