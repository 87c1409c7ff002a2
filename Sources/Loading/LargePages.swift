#if canImport(Glibc)
  import Glibc
#endif

/// Asks the kernel to back large arrays with 2 MB pages (transparent huge pages, which Linux
/// gives on request by default).
///
/// The petition id table, the items and the cube's sort keys are tens to hundreds of megabytes.
/// With 4 KB pages each 4 KB costs a page fault when first written (several microseconds each
/// on a virtual machine: 30,000 of them for the items of 1M petitions a year), and a probe of
/// the id table at random misses the TLB as well as the cache.
enum LargePages {
  private static let pageSize = 2 << 20

  /// Advises the memory of `array`'s capacity. Call it before that memory is first written (a
  /// page already written stays small), e.g. after `reserveCapacity` on an empty array.
  static func advise<Element>(_ array: inout [Element]) {
    let capacity = array.capacity
    array.withUnsafeMutableBufferPointer {
      advise($0.baseAddress, bytes: capacity * MemoryLayout<Element>.stride)
    }
  }

  /// An array of `count` elements, which `initialize` must all initialize, in advised memory.
  static func array<Element>(
    count: Int, _ initialize: (UnsafeMutableBufferPointer<Element>) -> Void
  ) -> [Element] {
    [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      advise(buffer.baseAddress, bytes: count * MemoryLayout<Element>.stride)
      initialize(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
      initialized = count
    }
  }

  /// Advises the whole 2 MB pages inside `bytes` bytes at `base` (smaller ranges are left alone).
  private static func advise(_ base: UnsafeMutableRawPointer?, bytes: Int) {
    guard let base, bytes >= 2 * pageSize else { return }
    let start = (Int(bitPattern: base) + pageSize - 1) & ~(pageSize - 1)
    let end = (Int(bitPattern: base) + bytes) & ~(pageSize - 1)
    guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
    // Only advice: where the system refuses, the memory is used in small pages as before.
    _ = madvise(aligned, end - start, MADV_HUGEPAGE)
  }
}
