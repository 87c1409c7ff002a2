import Foundation

/// A value made on another thread from the moment it is asked for, and waited for where it is
/// needed: the templates and the indicator catalogue are parsed while the data is read.
///
/// `@unchecked Sendable`: `result` and `elapsed` are written once, by the background thread, before it signals;
/// it is read only after waiting for that signal.
public final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<Value, any Error>?
  private var elapsed = Duration.zero

  /// Starts making the value on a thread of its own: not on a shared pool, whose threads may all
  /// be waiting (the render workers wait for `indicators.csv`'s bytes).
  public init(_ make: @escaping @Sendable () throws -> Value) {
    let thread = Thread { [self] in
      let started = ContinuousClock.now
      result = Result { try make() }
      elapsed = ContinuousClock.now - started
      done.signal()
    }
    thread.start()
  }

  /// How long making the value took; waits until it is made.
  public var duration: Duration {
    done.wait()
    done.signal()
    return elapsed
  }

  /// The value, or the error making it threw; waits until it is made.
  public func get() throws -> Value {
    done.wait()
    done.signal()
    return try result!.get()
  }
}
