import Dispatch
import Synchronization

/// Runs `transform` on each input on the global concurrent queue, at most `window` at a time,
/// and hands the outputs to `consume` in input order on the calling thread, while later inputs
/// are still being transformed.
public func orderedParallelMap<Input: Sendable, Output: Sendable>(
  window: Int, next: () throws -> Input?, transform: @escaping @Sendable (Input) -> Output,
  consume: (Output) throws -> Void
) throws {
  var pending: [ParallelSlot<Output>] = []
  var pendingStart = 0
  func consumeOldest() throws {
    let slot = pending[pendingStart]
    pendingStart += 1
    slot.done.wait()
    // Taken out of the slot, so that `consume` holds the only reference (and can recycle it).
    let output = slot.output.take()!
    try consume(output)
    if pendingStart > 64 {
      pending.removeFirst(pendingStart)
      pendingStart = 0
    }
  }
  do {
    while let input = try next() {
      if pending.count - pendingStart >= window { try consumeOldest() }
      let slot = ParallelSlot<Output>()
      pending.append(slot)
      DispatchQueue.global().async {
        slot.output = transform(input)
        slot.done.signal()
      }
    }
    while pendingStart < pending.count { try consumeOldest() }
  } catch {
    // Let the work already started finish before its inputs go away.
    for slot in pending[pendingStart...] { slot.done.wait() }
    throw error
  }
}

/// Runs `background` on another thread while `foreground` runs on this one; returns both results.
public func alongside<Background: Sendable, Foreground>(
  _ background: @escaping @Sendable () -> Background, with foreground: () -> Foreground
) -> (Background, Foreground) {
  let slot = ParallelSlot<Background>()
  DispatchQueue.global().async {
    slot.output = background()
    slot.done.signal()
  }
  let foregroundResult = foreground()
  slot.done.wait()
  return (slot.output!, foregroundResult)
}

/// Values handed back after use, for the next use to take instead of allocating anew: memory
/// the process has already written costs no page faults (a fresh 4 MB costs a thousand).
public final class Recycler<Value: Sendable>: Sendable {
  private let spare = Mutex<[Value]>([])

  public init() {}

  /// A value given back earlier, if any.
  public func take() -> Value? { spare.withLock { $0.popLast() } }

  public func give(_ value: Value) { spare.withLock { $0.append(value) } }
}

/// One input's output in `orderedParallelMap` or `alongside`, handed from the worker to the consumer: the
/// worker writes `output` before signalling, the consumer reads it only after waiting.
private final class ParallelSlot<Output>: @unchecked Sendable {
  var output: Output?
  let done = DispatchSemaphore(value: 0)
}

/// `transform` of each index in `0..<count`, run on every core (`DispatchQueue.concurrentPerform`),
/// the results in index order.
public func concurrentMap<Output: Sendable>(count: Int, _ transform: @Sendable (Int) -> Output) -> [Output] {
  let results = Mutex([Output?](repeating: nil, count: count))
  DispatchQueue.concurrentPerform(iterations: count) { index in
    let output = transform(index)
    results.withLock { $0[index] = output }
  }
  return results.withLock { $0.map { $0! } }
}

/// `transform` of each index in `0..<count` on up to `workers` threads, the results in index
/// order. Each thread makes one worker with `makeWorker` and uses it for every index it takes,
/// so that a worker may keep state (a memo) without locks; indices are handed out one at a time,
/// so that a slow one does not hold up the others.
public func concurrentMap<Worker, Output: Sendable>(
  count: Int, workers: Int, makeWorker: @Sendable () -> Worker,
  _ transform: @Sendable (Worker, Int) -> Output
) -> [Output] {
  let state = Mutex((next: 0, done: [Output?](repeating: nil, count: count)))
  DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
    let worker = makeWorker()
    while true {
      let index: Int? = state.withLock { state in
        guard state.next < count else { return nil }
        defer { state.next += 1 }
        return state.next
      }
      guard let index else { return }
      let output = transform(worker, index)
      state.withLock { $0.done[index] = output }
    }
  }
  return state.withLock { $0.done.map { $0! } }
}
