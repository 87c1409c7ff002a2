import Concurrency
import Foundation
import Tables

/// The petition exports: read in path order into one `PetitionsReader`, which keeps the latest
/// export of each id. A UTF-8 file goes through the fast path (`FastPath`), cut into blocks
/// parsed on every core; a GB18030 file is transcoded and read as one stream; with
/// `LoadOptions.forcesGeneralPath`, every row is read by the general path alone.
extension DataLoader {
  /// Reads every petition file into `readers.petitions`; false when a file taken as UTF-8 from
  /// its first chunk is not UTF-8 after all.
  func readPetitionFiles(
    _ files: [OpenedFile], resolver: RegionResolver, folder: URL, options: LoadOptions, log: DiagnosticLog,
    readers: inout DatasetReaders
  ) -> Bool {
    for file in files {
      let context = FileContext(
        path: file.path, mapping: file.mapping, log: log, skipInvalid: options.skipInvalid)
      readers.contexts[file.path] = context
      var petitions =
        readers.petitions
        ?? PetitionsReader(
          dictionary: dictionary, resolver: resolver, expectedRows: Self.estimatedRows(of: files, in: folder))
      // Moved out while it is read, so that it is not copied on write.
      readers.petitions = nil
      let read: Bool
      if options.forcesGeneralPath {
        readGenerally(file, into: &petitions, context: context, log: log)
        read = true
      } else {
        read = readPetitions(file, into: &petitions, context: context, log: log)
      }
      readers.petitions = petitions
      guard read else { return false }
      if let count = petitions.replacedByFile[file.path], count > 0 {
        log.add(
          Diagnostic(
            .note, file: file.path,
            message: "\(count) item\(count == 1 ? "" : "s") replace earlier exports of the same 信访件编号"))
      }
    }
    return true
  }

  /// Reads every record of a petition file through the general path, row by row.
  private func readGenerally(
    _ file: OpenedFile, into reader: inout PetitionsReader, context: FileContext, log: DiagnosticLog
  ) {
    let replacedBefore = reader.replaced
    read(file, log: log) { reader.read($0, context: context) }
    reader.attributeReplaced(since: replacedBefore, to: file.path)
  }

  /// Streams a petition file into `reader`. A UTF-8 file is cut into blocks of whole records
  /// that are parsed on both cores and merged in file order (the merge de-duplicates ids and
  /// reads unusual rows through the general path, so the outcome is the same as reading row by
  /// row); a GB18030 file is transcoded and parsed as one stream.
  ///
  /// Returns false when a file taken as UTF-8 from its first chunk is not UTF-8 after all.
  private func readPetitions(
    _ file: OpenedFile, into reader: inout PetitionsReader, context: FileContext, log: DiagnosticLog
  ) -> Bool {
    let codes = reader.codes
    let columns = PetitionColumns(file.mapping)
    let delimiter = file.csv.delimiter
    guard file.csv.encoding != .gb18030 else {
      var parser = PetitionBlockParser(codes: codes, columns: columns, delimiter: delimiter)
      var taken = 0
      readRaw(file, log: log) { record in
        parser.take(record)
        taken += 1
        if taken % 65_536 == 0 { reader.merge(parser.takeBlock(), firstLine: 1, context: context) }
      }
      reader.merge(parser.takeBlock(), firstLine: 1, context: context)
      return true
    }
    do {
      let blocks = try RecordBlockReader(
        url: file.csv.url, delimiter: delimiter, blockSize: blockSize, buffers: reader.spareBuffers)
      let mergedBlocks = reader.mergedBlocks
      var line = blocks.firstLine
      // Up to 8 blocks in flight: the workers parse ahead while the merge waits for the id
      // table's cache misses (4 left a core idle; 12 was no faster).
      try orderedParallelMap(
        window: 8, next: blocks.next,
        transform: { block in
          defer { blocks.recycle(block) }
          return PetitionBlockParser.parse(
            block, codes: codes, columns: columns, delimiter: delimiter, reusing: mergedBlocks.take())
        },
        consume: { parsed in
          if !parsed.isValidUTF8 { throw AttemptFailure.notUTF8AfterAll }
          reader.merge(parsed, firstLine: line, context: context)
          mergedBlocks.give(parsed)
          if let quoteLine = parsed.unterminatedQuoteLine {
            log.add(
              Diagnostic(
                .error, file: file.path, line: line + quoteLine - 1,
                message: describe(CSVFile.ReadError.unterminatedQuote(line: line + quoteLine - 1))))
          }
          line += parsed.lineFeeds
        })
    } catch AttemptFailure.notUTF8AfterAll {
      return false
    } catch {
      log.add(Diagnostic(.error, file: file.path, message: describe(error)))
    }
    return true
  }

  /// An upper estimate of the records in `files` (from their sizes; a petition record takes
  /// about 90 bytes), to size the id table.
  private static func estimatedRows(of files: [OpenedFile], in folder: URL) -> Int {
    let bytes = files.reduce(0) { total, file in
      total + ((try? file.csv.url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
    }
    return bytes / 64
  }
}
