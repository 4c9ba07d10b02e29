public import Foundation

/// A real PostgreSQL server for the tests, started once per test run from
/// Debian's binaries (the newest `/usr/lib/postgresql/VERSION/bin`, or `$JIAZHOU_PG_BIN`) in
/// a temporary folder, listening on a Unix socket there only (no port is
/// taken on the machine), and stopped when the test process exits (or, if
/// it dies, by a watchdog that sees it gone). Each test makes its own database.
///
/// When PostgreSQL is missing, ``shared()`` throws saying how to install it:
/// the tests fail, they are not skipped (`.ci/run` installs it).
///
/// ```swift
/// let url = try PostgresServer.shared().createDatabase()   // postgres://postgres@localhost:5432/t_…?host=/tmp/…
/// ```
public final class PostgresServer: Sendable {
    /// The folder of the data directory, socket and log.
    public let folder: String
    /// 5432 on the socket; a private server with a TCP listener takes a free port for both.
    public let port: Int
    public let binaries: String
    /// What a private server listens for on 127.0.0.1 besides its socket.
    public let tcp: TCPListener?
    /// The superuser, trusted over the socket.
    public let user = "postgres"
    /// A role that must give a password (for the wrong-password test).
    public static let passwordRole = (user: "jiazhou_pw", password: "right-password")

    private init(folder: String, binaries: String, port: Int, tcp: TCPListener?) {
        self.folder = folder
        self.binaries = binaries
        self.port = port
        self.tcp = tcp
    }

    /// A TCP listener on 127.0.0.1 (the only way PostgreSQL speaks TLS):
    /// with a certificate and key (PEM files), the server offers TLS and
    /// accepts TCP logins only over it (`hostssl`); without, plain logins.
    public struct TCPListener: Sendable {
        public var certificateFile: String?
        public var keyFile: String?
        public init(certificateFile: String? = nil, keyFile: String? = nil) {
            self.certificateFile = certificateFile
            self.keyFile = keyFile
        }
    }

    private static let started: Result<PostgresServer, PostgresServerError> = Result { () throws(PostgresServerError) in try start(shared: true, tcp: nil) }

    /// The one server of this test run, started on first use.
    public static func shared() throws -> PostgresServer { try started.get() }

    /// A server of the caller's own, for a test that stops and restarts it
    /// (the shared one serves every other test meanwhile). The caller ends
    /// it with ``shutDown()``; a watchdog ends it if the test process dies.
    public static func startPrivate(tcp: TCPListener? = nil) throws -> PostgresServer { try start(shared: false, tcp: tcp) }

    /// Stops a private server at once and removes its folder.
    public func shutDown() {
        stopImmediately()
        try? FileManager.default.removeItem(atPath: folder)
    }

    public var socketFolder: String { folder + "/socket" }

    /// A URL for `database` as `user` (the superuser by default).
    public func url(database: String, user: String? = nil, password: String? = nil) -> String {
        let login = password.map { "\(user ?? self.user):\($0)" } ?? (user ?? self.user)
        return "postgres://\(login)@localhost:\(port)/\(database)?host=\(socketFolder)"
    }

    /// A URL for `database` over TCP at `host` (`localhost` or `127.0.0.1`),
    /// with `query` (`sslmode=…`) appended: for a server with a ``TCPListener``.
    public func tcpURL(database: String, host: String = "localhost", query: String = "") -> String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (query.isEmpty ? "" : "?" + query)
    }

    /// A new empty database, named uniquely; returns its URL.
    public func createDatabase(_ prefix: String = "t") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try run("createdb", ["-h", socketFolder, "-p", "\(port)", "-U", user, name])
        return url(database: name)
    }

    /// Runs SQL on `database` with psql as the superuser; returns its output (tuples only, unaligned).
    @discardableResult
    public func psql(_ database: String, _ sql: String) throws -> String {
        try run("psql", ["-h", socketFolder, "-p", "\(port)", "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-tA", "-c", sql])
    }

    /// Stops the server now (`-m fast`), as an operator would; ``restart()`` starts it again.
    public func stop() throws { try Self.asOwner(binaries + "/pg_ctl", ["-D", folder + "/data", "-m", "fast", "-w", "stop"]) }

    public func restart() throws { try Self.startServer(folder: folder, binaries: binaries, port: port, tcp: tcp) }

    @discardableResult
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        try Self.execute(binaries + "/" + tool, arguments)
    }

    private static func start(shared: Bool, tcp: TCPListener?) throws(PostgresServerError) -> PostgresServer {
        let binaries = ProcessInfo.processInfo.environment["JIAZHOU_PG_BIN"] ?? installedBinaries()
        guard FileManager.default.isExecutableFile(atPath: binaries + "/initdb"), FileManager.default.isExecutableFile(atPath: binaries + "/psql") || FileManager.default.isExecutableFile(atPath: "/usr/bin/psql") else {
            throw PostgresServerError(
                "PostgreSQL is not installed (no \(binaries)/initdb): install Debian's `postgresql` package (`apt-get install -y postgresql`, as .ci/run does), or set JIAZHOU_PG_BIN to a PostgreSQL bin folder")
        }
        do {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jiazhou-pg-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: folder + "/socket", withIntermediateDirectories: true)
            if getuid() == 0 { try execute("/bin/chown", ["-R", "postgres:postgres", folder]) }
            try asOwner(binaries + "/initdb", ["-D", folder + "/data", "-U", "postgres", "--auth-local=trust", "--no-sync", "-E", "UTF8", "--locale=C"])
            // Trust the superuser over the socket; every other role gives its password.
            var hba = "local all postgres trust\nlocal all all scram-sha-256\n"
            var port = 5432
            if let tcp {
                port = try freePort()
                // Only over TLS when the server has a certificate: a plain login is then refused.
                hba += (tcp.certificateFile == nil ? "host" : "hostssl") + " all postgres 127.0.0.1/32 trust\n"
                for (source, name) in [(tcp.certificateFile, "server.crt"), (tcp.keyFile, "server.key")] {
                    guard let source else { continue }
                    // The server reads them as its owner, and refuses a key others may read.
                    try FileManager.default.copyItem(atPath: source, toPath: folder + "/data/" + name)
                    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder + "/data/" + name)
                    if getuid() == 0 { try execute("/bin/chown", ["postgres:postgres", folder + "/data/" + name]) }
                }
            }
            try hba.write(toFile: folder + "/data/pg_hba.conf", atomically: false, encoding: .utf8)
            try startServer(folder: folder, binaries: binaries, port: port, tcp: tcp)
            let server = PostgresServer(folder: folder, binaries: binaries, port: port, tcp: tcp)
            try server.psql("postgres", "CREATE ROLE \(passwordRole.user) LOGIN PASSWORD '\(passwordRole.password)'")
            // Stopped at exit, and by a watchdog if this process dies without exiting cleanly.
            if shared { atexit { try? PostgresServer.shared().stopImmediately() } }
            _ = try spawnDetached("/bin/sh", [
                "-c",
                "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(ownerPrefix)\(binaries)/pg_ctl -D \(folder)/data -m immediate stop >/dev/null 2>&1; rm -rf \(folder)",
            ])
            return server
        } catch let error as PostgresServerError {
            throw error
        } catch {
            throw PostgresServerError("PostgreSQL could not be started for the tests: \(error)")
        }
    }

    /// Debian's newest installed PostgreSQL: `/usr/lib/postgresql/VERSION/bin` (15 on this machine).
    private static func installedBinaries() -> String {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init).sorted()
        return "/usr/lib/postgresql/\(versions.last ?? 15)/bin"
    }

    private func stopImmediately() {
        _ = try? Self.asOwner(binaries + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
    }

    /// A TCP port on 127.0.0.1 nothing listens on now (the kernel's pick).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresServerError("no socket for a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw PostgresServerError("no free TCP port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func startServer(folder: String, binaries: String, port: Int, tcp: TCPListener?) throws {
        // Not through pipes: the server it leaves running would hold them open, and reading them would never end.
        // 1,000 connections: with JIAZHOU_TEST_BACKEND=postgres every test's ledger is a database whose
        // store keeps a few idle connections while it lives, and the suites run hundreds of tests at once.
        try asOwner(capturing: false, 
            binaries + "/pg_ctl",
            ["-D", folder + "/data", "-l", folder + "/server.log", "-w", "-o", "-k \(folder)/socket -p \(port) \(listening(tcp)) -c max_connections=1000", "start"])
    }

    /// The server options for `tcp`: none (the socket only), or 127.0.0.1 with TLS if it has a certificate.
    private static func listening(_ tcp: TCPListener?) -> String {
        guard let tcp else { return "-c listen_addresses=''" }
        guard tcp.certificateFile != nil else { return "-c listen_addresses=127.0.0.1" }
        return "-c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key"
    }

    /// As root, the tools run as the `postgres` user (initdb refuses root).
    private static var ownerPrefix: String { getuid() == 0 ? "runuser -u postgres -- " : "" }

    @discardableResult
    private static func asOwner(capturing: Bool = true, _ tool: String, _ arguments: [String]) throws -> String {
        if getuid() == 0 { return try execute(capturing: capturing, "/usr/sbin/runuser", ["-u", "postgres", "--", tool] + arguments) }
        return try execute(capturing: capturing, tool, arguments)
    }

    @discardableResult
    private static func execute(capturing: Bool = true, _ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        guard capturing else {
            // posix_spawn and waitpid, not Foundation's Process: its wait for the exit never ends
            // while the daemon the tool leaves running holds descriptors it inherited.
            let pid = try spawnDetached(tool, arguments)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            guard status == 0 else { throw PostgresServerError("\(tool) \(arguments.joined(separator: " ")) failed (status \(status)); see its server.log") }
            return ""
        }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresServerError("\(tool) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension PostgresServer {
    /// Starts `tool` with its standard streams on /dev/null and none of this
    /// process's other descriptors, for a program that outlives the call (the
    /// server pg_ctl leaves running, the watchdog).
    ///
    /// posix_spawn alone hands the child every descriptor not marked
    /// close-on-exec, among them a pipe that another test's thread has just
    /// made to read a psql's output (Foundation's `Pipe` does not mark it):
    /// with a server holding the pipe's write end for ever, that read never
    /// ended, and the test run hung.
    fileprivate static func spawnDetached(_ tool: String, _ arguments: [String]) throws -> pid_t {
        guard let closeFrom = closeFrom else {
            throw PostgresServerError("this C library has no posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later), which the tests need to start PostgreSQL")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        _ = closeFrom(&actions, 3)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        guard spawned == 0 else { throw PostgresServerError("\(tool) could not be started (\(spawned))") }
        return pid
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not declare.
    private static let closeFrom: AddCloseFrom? = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: AddCloseFrom.self)
    }
}

/// Why the tests' PostgreSQL server is not there.
public struct PostgresServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
