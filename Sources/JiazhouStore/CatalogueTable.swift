public import JiazhouCore
import GRDB
import Foundation

/// Each merchant's catalogue (item → price in points), as its last
/// `account.update` with `data.catalogue` set it. Derived from the entries
/// alone, in the entry's own transaction: `import` rebuilds it and `verify`
/// compares it with the replay.
enum CatalogueTable {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-catalogue") { db in
            try db.execute(sql: """
                CREATE TABLE catalogue (
                    merchant TEXT NOT NULL REFERENCES accounts(id),
                    item TEXT NOT NULL CHECK (length(item) > 0),
                    points INTEGER NOT NULL CHECK (points > 0),
                    -- The account.update entry that set the catalogue.
                    seq INTEGER NOT NULL REFERENCES entries(seq) DEFERRABLE INITIALLY DEFERRED,
                    PRIMARY KEY (merchant, item)
                ) WITHOUT ROWID;
                """)
        }
    }
}


extension StoreReader {
    /// A merchant's catalogue, by item.
    public func catalogue(of merchant: AccountID) throws -> [CatalogueEntry] {
        try Row.fetchAll(db, sql: "SELECT item, points, seq FROM catalogue WHERE merchant = ? ORDER BY item", arguments: [merchant.text])
            .map { CatalogueEntry(item: $0[0], points: $0[1], seq: $0[2]) }
    }

    /// The price of `item` in `merchant`'s catalogue, if it has one.
    public func catalogueItem(_ item: String, of merchant: AccountID) throws -> CatalogueEntry? {
        try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT item, points, seq FROM catalogue WHERE merchant = ? AND item = ?"), arguments: [merchant.text, item]
        ).map { CatalogueEntry(item: $0[0], points: $0[1], seq: $0[2]) }
    }

    /// Every catalogue row; for `verify`.
    public func forEachCatalogueItem(_ body: (_ merchant: String, CatalogueEntry) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT merchant, item, points, seq FROM catalogue")
        while let row = try rows.next() { try body(row[0], CatalogueEntry(item: row[1], points: row[2], seq: row[3])) }
    }
}
