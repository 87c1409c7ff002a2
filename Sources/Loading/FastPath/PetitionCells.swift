/// Where the fast path reads the petition cells of one record.
protocol PetitionCells {
  /// The cell of `role` (empty when the file or the record has none). The fast path asks for
  /// the roles in their contract order.
  mutating func cell(_ role: PetitionColumns.Role) -> UnsafeBufferPointer<UInt8>
  /// Whether the record has no more cells than the header names and, when `checkingUTF8`,
  /// every cell that maps to no field is UTF-8.
  mutating func otherCellsAreValid(checkingUTF8: Bool) -> Bool
  /// Cells may be read in whole words up to here (`FastPath` rule 1); nil when only the cells'
  /// own bytes may be read.
  var readableEnd: UnsafeRawPointer? { get }
}

/// The cells of a plain line of a file in the contract's column order, read as they are found.
struct ContractOrderCells: PetitionCells {
  var line: LineCells

  var readableEnd: UnsafeRawPointer? { line.readableEnd }

  @inline(__always)
  mutating func cell(_ role: PetitionColumns.Role) -> UnsafeBufferPointer<UInt8> {
    line.next() ?? UnsafeBufferPointer(start: nil, count: 0)
  }

  @inline(__always)
  mutating func otherCellsAreValid(checkingUTF8: Bool) -> Bool { line.next() == nil }
}

/// The cells of a record already split into cells, found by column.
struct IndexedCells: PetitionCells {
  let record: RawRecord
  let columns: PetitionColumns
  let readableEnd: UnsafeRawPointer?

  @inline(__always)
  mutating func cell(_ role: PetitionColumns.Role) -> UnsafeBufferPointer<UInt8> {
    record.field(columns.column(role))
  }

  mutating func otherCellsAreValid(checkingUTF8: Bool) -> Bool {
    guard record.count <= columns.width else { return false }
    guard checkingUTF8 else { return true }
    for column in columns.unmapped where column < record.count {
      if !FastUTF8Validator.isValid(record.field(column)) { return false }
    }
    return true
  }
}
