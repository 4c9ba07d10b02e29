import JiazhouCore
import JiazhouStorage

/// Expiry entries, checked against the lots as the chain replays them.
extension LedgerVerifier {
    /// Before the entry's lot changes are replayed: an expiry writes off, to
    /// `sink:expired`, exactly what is left of its volunteer's own lots, each
    /// of which had expired by its `as_of`, which is not after the entry.
    mutating func checkExpiry(_ entry: Entry) {
        guard entry.kind == .expire else { return }
        guard let volunteer = entry.serviceVolunteer, entry.postings.count == 1, entry.postings[0].from == volunteer,
            entry.postings[0].to == .expiredSink, let asOf = entry.data["as_of"]?.stringValue.flatMap(Timestamp.init(rfc3339:)), asOf <= entry.time
        else {
            report(entry.seq, "an expiry must move points from its volunteer to sink:expired as of a time not after the entry")
            return
        }
        let taken = entry.recordedLots
        if taken.reduce(0, { $0 + $1.points }) != entry.postings[0].points {
            report(entry.seq, "the expiry's lots do not add up to the points it writes off")
        }
        for (seq, points) in taken {
            guard let lot = lots[seq], lot.volunteer == volunteer else {
                report(entry.seq, "the expiry takes from lot \(seq), which is not \(volunteer)'s")
                continue
            }
            if lot.expires.map({ $0 <= asOf }) != true { report(entry.seq, "the expiry writes off lot \(seq), which had not expired by \(asOf.rfc3339)") }
            if points != lot.remaining { report(entry.seq, "the expiry takes \(points) of lot \(seq), which had \(lot.remaining) left") }
        }
    }
}
