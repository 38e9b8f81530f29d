import CollectiveSite
import Glibc

/// Turns off Nagle's algorithm for the server's connections.
///
/// FlyingFox 0.27 writes a response's header and its body with two separate writes. With Nagle's algorithm
/// on, the body then waits for the client to acknowledge the header, and clients delay that acknowledgement
/// (40 ms on Linux): every request after the first on a kept-alive connection took 40 ms, capping the
/// preview at about 1,000 pages a second however fast the rest is. FlyingFox has no setting for
/// TCP_NODELAY, but Linux copies it from a listening socket to every connection it accepts, so it is set on
/// the listening socket, found among this process's descriptors by its port.
enum NoDelay {
    @discardableResult
    static func enable(onListenerAt port: UInt16) -> Bool {
        // Descriptors are handed out lowest first, and the listener is opened at start-up.
        for fd in Int32(0)..<4096 where isListener(fd, port: port) {
            var one: Int32 = 1
            return setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size)) == 0
        }
        return false
    }

    private static func isListener(_ fd: Int32, port: UInt16) -> Bool {
        var accepting: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0, accepting == 1 else { return false }
        var address = sockaddr_in()
        var addressLength = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &addressLength) }
        }
        return named == 0 && address.sin_family == sa_family_t(AF_INET) && UInt16(bigEndian: address.sin_port) == port
    }
}
