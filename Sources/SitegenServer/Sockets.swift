#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX socket calls the preview server makes, in one place so that a port is one file:
/// the only file of SitegenServer that imports the C library (the rest of the process's system
/// calls are in SitegenBase's `Platform`).
enum Sockets {
    /// Why a socket call failed: the call and `strerror`'s text.
    struct Failure: Error, CustomStringConvertible {
        let description: String

        /// The failure of the call that just set `errno`.
        init() { description = String(cString: strerror(errno)).lowercased() }

        init(message: String) { description = message }
    }

    /// A non-blocking socket listening on `host:port` (`host` an IPv4 or IPv6 literal).
    /// - Throws: `Failure` with `invalidHost` when `host` is no address.
    static func makeListener(host: String, port: UInt16) throws -> Int32 {
        let isIPv6 = host.contains(":")
        let descriptor = socket(isIPv6 ? AF_INET6 : AF_INET, streamType, 0)
        guard descriptor >= 0 else { throw Failure() }
        var yes: Int32 = 1
        setsockopt(
            descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var bound: Int32?
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            bound = bind(descriptor, address, family: AF_INET6, host: host, at: \.sin6_addr)
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            bound = bind(descriptor, address, family: AF_INET, host: host, at: \.sin_addr)
        }
        guard let bound else {
            close(descriptor)
            throw Failure(message: invalidHost)
        }
        guard bound == 0, listen(descriptor, 128) == 0 else {
            let failure = Failure()
            close(descriptor)
            throw failure
        }
        setNonBlocking(descriptor)
        return descriptor
    }

    /// Binds a socket to `address` (a `sockaddr_in` or `sockaddr_in6` with its family and port
    /// set) once `host` is parsed into its host field: `bind`'s result, or `nil` when `host` is
    /// not an address of `family`.
    private static func bind<Address, Host>(
        _ descriptor: Int32, _ address: Address, family: Int32, host: String,
        at field: WritableKeyPath<Address, Host>
    ) -> Int32? {
        var address = address
        var parsed = address[keyPath: field]
        guard withUnsafeMutableBytes(of: &parsed, { inet_pton(family, host, $0.baseAddress) }) == 1
        else { return nil }
        address[keyPath: field] = parsed
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                systemBind(descriptor, $0, socklen_t(MemoryLayout<Address>.size))
            }
        }
    }

    static let invalidHost = "not an IP address"

    /// The port a listening socket is bound to.
    static func port(of descriptor: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(descriptor, $0, &length)
            }
        }
        guard result == 0 else { return 0 }
        let isIPv6 = storage.ss_family == sa_family_t(AF_INET6)
        return withUnsafePointer(to: &storage) { pointer -> Int in
            if isIPv6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                Int(UInt16(bigEndian: $0.pointee.sin_port))
            }
        }
    }

    /// A waiting connection, non-blocking, or nil when there is none.
    static func acceptConnection(_ listener: Int32) -> Int32? {
        let descriptor = accept(listener, nil, nil)
        guard descriptor >= 0 else { return nil }
        setNonBlocking(descriptor)
        #if canImport(Darwin)
            var yes: Int32 = 1
            setsockopt(
                descriptor, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return descriptor
    }

    /// What a read gave.
    enum Received {
        case bytes(ArraySlice<UInt8>)
        case wouldBlock
        case closed
    }

    /// Reads what is there, up to `buffer.count` bytes.
    static func receive(_ descriptor: Int32, into buffer: inout [UInt8]) -> Received {
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count > 0 { return .bytes(buffer[..<count]) }
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
            return .wouldBlock
        }
        return .closed
    }

    /// Writes what the socket takes now; the count written, 0 when full, nil when closed.
    static func sendSome(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Int? {
        #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        let count = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, flags) }
        if count >= 0 { return count }
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : nil
    }

    /// Ends the sending side, so the client sees the end of the response.
    static func finishSending(_ descriptor: Int32) {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    static func closeSocket(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    /// A pipe whose read end wakes `poll`; both ends non-blocking.
    static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw Failure() }
        setNonBlocking(ends[0])
        setNonBlocking(ends[1])
        return (ends[0], ends[1])
    }

    /// Writes one byte to a pipe (a full pipe already wakes the reader).
    static func wake(_ descriptor: Int32) {
        var byte: UInt8 = 1
        _ = write(descriptor, &byte, 1)
    }

    /// Empties a pipe's read end.
    static func drain(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// What `poll` reported for a socket.
    struct Events: OptionSet, Sendable {
        let rawValue: Int16
        /// Something to read, or the other side closed or failed.
        static let readable = Events(rawValue: 1)
        /// Room to write.
        static let writable = Events(rawValue: 2)
    }

    /// Waits up to `milliseconds` for any of `descriptors` to be readable (or, where asked,
    /// writable); returns what each one is, in order.
    static func waitForEvents(
        _ descriptors: [(descriptor: Int32, wantsWritable: Bool)], milliseconds: Int32
    ) -> [Events] {
        var polled = descriptors.map { item in
            pollfd(
                fd: item.descriptor,
                events: Int16(POLLIN) | (item.wantsWritable ? Int16(POLLOUT) : 0), revents: 0)
        }
        _ = poll(&polled, nfds_t(polled.count), milliseconds)
        return polled.map { entry in
            var events: Events = []
            if entry.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 { events.insert(.readable) }
            if entry.revents & Int16(POLLOUT) != 0 { events.insert(.writable) }
            return events
        }
    }

    private static func setNonBlocking(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL, 0) | O_NONBLOCK)
    }

    #if canImport(Glibc)
        private static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
        private static let streamType = SOCK_STREAM
    #endif
}

private func systemBind(
    _ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t
)
    -> Int32
{
    bind(descriptor, address, length)
}
