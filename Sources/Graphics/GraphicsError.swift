/// Everything that can go wrong in Graphics: a failing cairo call (named, with cairo's status), or
/// a machine without a font that can show Chinese.
public enum GraphicsError: Error, Equatable, CustomStringConvertible {
  /// A cairo function left the context or surface in an error state.
  case cairo(function: String, status: String, context: String)
  /// No font on this machine covers Chinese.
  case noCJKFont(tried: [String])
  /// A file could not be written or read.
  case io(path: String, reason: String)
  /// Bad arguments from the caller (e.g. a zero-sized surface).
  case invalidArgument(String)
  /// Encoding an image failed (e.g. zlib refused to compress).
  case encoding(format: String, reason: String)

  public var description: String {
    switch self {
    case .cairo(let function, let status, let context):
      return "\(function) failed: \(status)" + (context.isEmpty ? "" : " (\(context))")
    case .noCJKFont(let tried):
      return "no font that can show Chinese text is installed (looked for "
        + tried.joined(separator: ", ")
        + "); install the Debian package fonts-noto-cjk (apt-get install fonts-noto-cjk)"
    case .io(let path, let reason):
      return "\(path): \(reason)"
    case .invalidArgument(let message):
      return message
    case .encoding(let format, let reason):
      return "cannot encode \(format): \(reason)"
    }
  }
}
