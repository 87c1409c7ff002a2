/// The file `minsheng report` writes into every output folder it fills, listing the files of
/// that run. It is shared by the writer (`Pipeline`: the next run of the same report removes the
/// listed files it does not write again) and the reader (`Loading`: the folder scan skips every
/// folder holding it, so outputs inside a data folder, as `report --data .` makes them, are never
/// read back as data).
public enum OutputFolderMarker {
  public static let fileName = ".minsheng-output"
}
