import CYAML

/// A position in YAML text: 1-based line, and 1-based column counted in characters.
public struct YAMLMark: Sendable, Equatable {
    public let line: Int
    public let column: Int
}

/// A YAML node with its position, as front matter and `site.yml` need it.
///
/// Every scalar stays a string (the YAML 1.2 "failsafe" view): field readers decide what a value
/// means, so `title: 2026` is the title "2026" and `date: 20260101` is a bad date, not a number.
/// Not `indirect`: the collections' arrays already hold their items out of line, and boxing
/// every node, scalars too, was an allocation per value on the hot path.
public enum YAMLNode: Sendable, Equatable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], YAMLMark)
    case mapping([YAMLPair], YAMLMark)

    /// Where the node starts.
    public var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): return scalar.mark
        case .sequence(_, let mark), .mapping(_, let mark): return mark
        }
    }

    /// The scalar, when the node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }
}

/// A scalar's text, whether it was written plain (unquoted), and where.
public struct YAMLScalar: Sendable, Equatable {
    public let text: String
    public let isPlain: Bool
    public let mark: YAMLMark
}

/// A key and its value in a mapping, in document order.
public struct YAMLPair: Sendable, Equatable {
    public let key: YAMLNode
    public let value: YAMLNode
}

/// Why YAML did not parse, as libyaml says it.
public struct YAMLError: Error, Sendable, Equatable {
    /// What is wrong ("did not find expected key").
    public let problem: String
    /// Where.
    public let mark: YAMLMark
    /// What libyaml was doing ("while parsing a block mapping") and where that began.
    public let context: (text: String, mark: YAMLMark)?

    public static func == (a: YAMLError, b: YAMLError) -> Bool {
        a.problem == b.problem && a.mark == b.mark && a.context?.text == b.context?.text
            && a.context?.mark == b.context?.mark
    }
}

/// Parses YAML with libyaml's event API into `YAMLNode`s.
///
/// The event API builds our small value tree directly, without a general-purpose document model
/// or tag resolution: front matter is parsed for every brief, so this is on the hot path. With
/// `Markdown`, this is the only code that touches C pointers; every event is deleted after use and
/// the parser is always released.
public enum YAML {
    /// Parses one YAML document; `nil` for an empty document.
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode? {
        var text = text
        let result: Result<YAMLNode?, YAMLError> = text.withUTF8 { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(
                    YAMLError(
                        problem: "out of memory", mark: YAMLMark(line: 1, column: 1), context: nil))
            }
            defer { yaml_parser_delete(&parser) }
            if let base = buffer.baseAddress {
                yaml_parser_set_input_string(&parser, base, buffer.count)
            } else {
                return .success(nil)
            }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var builder = TreeBuilder(text: buffer)
            return builder.run(&parser)
        }
        return try result.get()
    }

    /// The deepest nesting of lists and mappings a document may have.
    ///
    /// Front matter and `site.yml` need three or four levels; a limit keeps a hostile document
    /// from building a tree so deep that releasing it overflows the stack.
    public static let maximumDepth = 64

    /// Collects events into nodes with a stack of open collections.
    ///
    /// Each collection's array is appended to in place, so a list of n items takes time linear
    /// in n (popping and pushing the frame would copy the array on every append).
    private struct TreeBuilder {
        struct Frame {
            let isMapping: Bool
            let mark: YAMLMark
            var items: [YAMLNode] = []
            var pairs: [YAMLPair] = []
            var pendingKey: YAMLNode?
        }

        /// The YAML's bytes, to place reader errors, which libyaml gives as a byte offset.
        let text: UnsafeBufferPointer<UInt8>
        var stack: [Frame] = []
        var root: YAMLNode?
        var documents = 0

        init(text: UnsafeBufferPointer<UInt8>) { self.text = text }

        mutating func run(_ parser: inout yaml_parser_t) -> Result<YAMLNode?, YAMLError> {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(error(from: parser))
                }
                defer { yaml_event_delete(&event) }
                let mark = YAMLMark(
                    line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return .success(root)
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        return .failure(
                            YAMLError(
                                problem: "expected a single document, found another", mark: mark,
                                context: nil))
                    }
                case YAML_ALIAS_EVENT:
                    return .failure(
                        YAMLError(
                            problem: "aliases (*name) are not supported", mark: mark, context: nil))
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let text =
                        scalar.value.map {
                            String(
                                decoding: UnsafeBufferPointer(start: $0, count: scalar.length),
                                as: UTF8.self)
                        } ?? ""
                    add(
                        .scalar(
                            YAMLScalar(
                                text: text, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE,
                                mark: mark)))
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    guard stack.count < YAML.maximumDepth else {
                        return .failure(
                            YAMLError(
                                problem:
                                    "lists and mappings are nested more than \(YAML.maximumDepth) levels deep",
                                mark: mark, context: nil))
                    }
                    stack.append(
                        Frame(isMapping: event.type == YAML_MAPPING_START_EVENT, mark: mark))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else { break }
                    add(
                        frame.isMapping
                            ? .mapping(frame.pairs, frame.mark) : .sequence(frame.items, frame.mark)
                    )
                default:
                    break
                }
            }
        }

        mutating func add(_ node: YAMLNode) {
            guard !stack.isEmpty else {
                root = node
                return
            }
            let top = stack.count - 1
            guard stack[top].isMapping else {
                stack[top].items.append(node)
                return
            }
            if let key = stack[top].pendingKey {
                stack[top].pairs.append(YAMLPair(key: key, value: node))
                stack[top].pendingKey = nil
            } else {
                stack[top].pendingKey = node
            }
        }

        /// libyaml's line and column (counting NEL, U+2028 and U+2029 as line breaks, as it does)
        /// of a byte offset.
        func readerMark(atByte offset: Int) -> YAMLMark {
            let prefix = UnsafeBufferPointer(rebasing: text[..<min(max(offset, 0), text.count)])
            var line = 1
            var column = 1
            for scalar in String(decoding: prefix, as: UTF8.self).unicodeScalars {
                switch scalar {
                case "\n", "\u{85}", "\u{2028}", "\u{2029}":
                    line += 1
                    column = 1
                default:
                    column += 1
                }
            }
            return YAMLMark(line: line, column: column)
        }

        func error(from parser: yaml_parser_t) -> YAMLError {
            let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
            let mark = YAMLMark(
                line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1
            )
            if parser.error == YAML_READER_ERROR {
                return YAMLError(
                    problem: problem, mark: readerMark(atByte: Int(parser.problem_offset)),
                    context: nil)
            }
            let context = parser.context.map { text in
                (
                    String(cString: text),
                    YAMLMark(
                        line: Int(parser.context_mark.line) + 1,
                        column: Int(parser.context_mark.column) + 1)
                )
            }
            return YAMLError(problem: problem, mark: mark, context: context)
        }
    }
}
