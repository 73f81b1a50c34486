import Foundation

/// libFuzzer's entry point: one input per call.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    ContentFuzzer.run(bytes)
    return 0
}

#if !SITEGEN_FUZZ
    /// Without `-sanitize=fuzzer` (a plain `swift build`), the target is a replayer: it runs the
    /// files named on the command line (seeds, corpus entries, crash artifacts) through the fuzz
    /// body.
    @main
    struct FuzzReplay {
        static func main() {
            let paths = CommandLine.arguments.dropFirst()
            if paths.isEmpty {
                FileHandle.standardError.write(Data("usage: SitegenFuzz FILE...\n".utf8))
                exit(2)
            }
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                    exit(1)
                }
                ContentFuzzer.run(Array(data))
                print("ok \(path)")
            }
        }
    }
#endif
