/// One row of the sheet as read: its cells' bytes back to back, and what went
/// wrong while reading it. Reused from row to row, so that reading a million
/// rows allocates nothing per row.
///
/// Never holds more than ``SheetLimits/rowBytes``: bytes past a limit are
/// counted and dropped, and the limit is recorded for the row's report.
struct Record {
    /// The kept cells' bytes, untrimmed.
    private(set) var bytes: [UInt8] = []
    /// Where each kept cell ends in ``bytes``.
    private(set) var cellEnds: [Int] = []
    /// Every cell seen, kept or not (cells past ``SheetLimits/columns`` are not kept).
    private(set) var cellCount = 0
    /// Bytes of the row as read, kept or not.
    private(set) var byteCount = 0
    /// Whether a byte of 0x80 or more was seen: only then is UTF-8 checked.
    var hasNonASCII = false
    /// 0-based columns whose cell was longer than ``SheetLimits/cellBytes``.
    private(set) var overlongCells: [Int] = []
    /// Whether the row as a whole was longer than ``SheetLimits/rowBytes``.
    private(set) var isOverlong = false
    /// The 0-based column whose quote was still open when the sheet ended.
    var unclosedQuoteCell: Int?
    /// 0-based columns of .xlsx cells holding a formula never calculated.
    private(set) var uncalculatedCells: [Int] = []
    private var cellStart = 0
    private var currentCellDropped = false

    init() {
        bytes.reserveCapacity(256)
        cellEnds.reserveCapacity(16)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: bytes.capacity <= 2 * SheetLimits.cellBytes)
        cellEnds.removeAll(keepingCapacity: true)
        cellCount = 0
        byteCount = 0
        hasNonASCII = false
        overlongCells.removeAll(keepingCapacity: true)
        isOverlong = false
        unclosedQuoteCell = nil
        if !uncalculatedCells.isEmpty { uncalculatedCells.removeAll(keepingCapacity: true) }
        cellStart = 0
        currentCellDropped = false
    }

    var isTooWide: Bool { cellCount > SheetLimits.columns }

    @inline(__always)
    mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        byteCount &+= run.count
        guard !currentCellDropped, cellCount < SheetLimits.columns, !run.isEmpty else { return }
        if bytes.count + run.count > SheetLimits.rowBytes {
            isOverlong = true
            dropCurrentCell()
        } else if bytes.count - cellStart + run.count > SheetLimits.cellBytes {
            overlongCells.append(cellCount)
            dropCurrentCell()
        } else {
            bytes.append(contentsOf: run)
        }
    }

    mutating func append(_ byte: UInt8) {
        withUnsafePointer(to: byte) { append(UnsafeBufferPointer(start: $0, count: 1)) }
    }

    /// Forgets what was kept of the cell being read: a cell over a limit is
    /// reported whole or not at all, never cut.
    private mutating func dropCurrentCell() {
        bytes.removeSubrange(cellStart...)
        currentCellDropped = true
    }

    /// Marks the cell being read as a formula without a value.
    mutating func markUncalculated() { uncalculatedCells.append(cellCount) }

    @inline(__always)
    mutating func endCell() {
        if cellCount < SheetLimits.columns { cellEnds.append(bytes.count) }
        cellCount += 1
        cellStart = bytes.count
        currentCellDropped = false
    }

    /// Bytes held, for ``SheetReader/heldBytes``.
    var heldBytes: Int { bytes.capacity + cellEnds.capacity * 8 + overlongCells.capacity * 8 }

    /// The number of kept cells.
    var keptCells: Int { cellEnds.count }

    /// The byte range of kept cell `index`, untrimmed.
    @inline(__always)
    func range(ofCell index: Int) -> Range<Int> {
        (index == 0 ? 0 : cellEnds[index - 1])..<cellEnds[index]
    }
}
