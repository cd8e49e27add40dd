using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace DiaBan.Geo.Hosting;

/// <summary>
/// A private PostgreSQL + PostGIS cluster under a folder of ours (default `&lt;home&gt;/.diaban/pg`), listening on
/// 127.0.0.1 only, password (scram) auth. Start is idempotent and safe for concurrent callers (a file lock);
/// a running cluster is reused. The server keeps running after this process exits; `Stop` ends it.
/// </summary>
public sealed class EmbeddedPostgres
{
    public const string SuperUser = "diaban";
    /// <summary>Owns the app's database and runs migrations (no superuser rights).</summary>
    public const string OwnerRole = "diaban_owner";
    /// <summary>The web app's role: reads and writes rows, no DDL, audit append-only (see DatabaseRoles).</summary>
    public const string AppRole = "diaban_app";

    public EmbeddedPostgres(string root, bool durable = true)
    {
        Root = Path.GetFullPath(root);
        Durable = durable;
    }

    /// <summary>The cluster folder for the app and CLI: `&lt;home&gt;/.diaban/pg`.</summary>
    public static EmbeddedPostgres ForHome(string? home = null) => new(Path.Combine(DiaBanHome.Resolve(home), ".diaban", "pg"));

    public string Root { get; }
    /// <summary>False for throw-away test clusters: fsync off makes them much faster and a crash only loses test data.</summary>
    public bool Durable { get; }
    public string DataDirectory => Path.Combine(Root, "data");
    private string PasswordFile => Path.Combine(Root, "password");
    private string PortFile => Path.Combine(Root, "port");
    private string LogFile => Path.Combine(Root, "postgres.log");
    private string LockFile => Path.Combine(Root, ".lock");
    private static bool AsPostgres => ProcessRunner.IsRoot;

    /// <summary>Initialises (first time) and starts the cluster; returns a superuser connection string to database `postgres`.</summary>
    public async Task<string> StartAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(Root);
        using var _ = await AcquireLockAsync(ct);
        var bin = PostgresBinaries.Locate();
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))) await InitAsync(bin, ct);
        if (!await IsRunningAsync(bin, ct))
        {
            var port = ReadPort() is int saved && PortIsFree(saved) ? saved : FreePort();
            await File.WriteAllTextAsync(PortFile, port.ToString(), ct);
            await ProcessRunner.RunCheckedAsync(Path.Combine(bin, "pg_ctl"),
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "120", "-o", $"-p {port}", "start"], AsPostgres, ct);
        }
        var cs = AdminConnectionString("postgres");
        await WaitUntilAcceptingAsync(cs, ct);
        return cs;
    }

    /// <summary>Starts the cluster and makes sure database `name` exists with PostGIS; returns its connection string.</summary>
    public async Task<string> EnsureDatabaseAsync(string name = "diaban", CancellationToken ct = default)
    {
        var admin = await StartAsync(ct);
        await DatabaseSetup.CreateDatabaseIfMissingAsync(admin, name, ct);
        return AdminConnectionString(name);
    }

    /// <summary>
    /// Like EnsureDatabaseAsync, plus the owner and app roles (passwords generated once, kept next to the superuser's);
    /// the owner then owns database <paramref name="name"/>. Returns the app's and the owner's connection strings.
    /// </summary>
    public async Task<DatabaseConnections> EnsureDatabaseWithRolesAsync(string name = "diaban", CancellationToken ct = default)
    {
        var admin = await EnsureDatabaseAsync(name, ct);
        await DatabaseRoles.EnsureRolesAsync(admin, name, await LoginAsync(OwnerRole, ct), await LoginAsync(AppRole, ct), ct);
        return new DatabaseConnections(RoleConnectionString(name, AppRole), RoleConnectionString(name, OwnerRole));
    }

    /// <summary>A connection string to <paramref name="database"/> as one of our roles (SuperUser, OwnerRole, AppRole).</summary>
    public string RoleConnectionString(string database, string role) =>
        role == SuperUser
            ? AdminConnectionString(database)
            : new NpgsqlConnectionStringBuilder(AdminConnectionString(database))
            {
                Username = role,
                Password = File.ReadAllText(RolePasswordFile(role)).Trim(),
            }.ConnectionString;

    private string RolePasswordFile(string role) => Path.Combine(Root, role.Replace("diaban_", "") + "-password");

    private async Task<RoleLogin> LoginAsync(string role, CancellationToken ct)
    {
        var file = RolePasswordFile(role);
        if (!File.Exists(file)) await WriteSecretAsync(file, NewPassword(), ct);
        return new RoleLogin(role, (await File.ReadAllTextAsync(file, ct)).Trim());
    }

    private static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    // readable by this OS user only, like the superuser's password file
    private static async Task WriteSecretAsync(string file, string secret, CancellationToken ct)
    {
        await File.WriteAllTextAsync(file, secret + "\n", ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (!Directory.Exists(DataDirectory)) return;
        using var _ = await AcquireLockAsync(ct);
        var bin = PostgresBinaries.Locate();
        if (await IsRunningAsync(bin, ct))
            await ProcessRunner.RunCheckedAsync(Path.Combine(bin, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], AsPostgres, ct);
    }

    public async Task<ClusterStatus> StatusAsync(CancellationToken ct = default)
    {
        var initialised = File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));
        var running = initialised && await IsRunningAsync(PostgresBinaries.Locate(), ct);
        return new ClusterStatus(Root, initialised, running, ReadPort());
    }

    public string AdminConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = ReadPort() ?? throw new InvalidOperationException($"cluster at {Root} has no port file; start it first"),
        Username = SuperUser,
        Password = File.ReadAllText(PasswordFile).Trim(),
        Database = database,
        Pooling = true,
        // PostGIS geometry and COPY of large batches can exceed the default 30 s on a loaded 2-core machine
        CommandTimeout = 300,
    }.ConnectionString;

    private async Task InitAsync(string bin, CancellationToken ct)
    {
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
        await WriteSecretAsync(PasswordFile, NewPassword(), ct);
        if (AsPostgres) await ChownToPostgresAsync(ct);
        await ProcessRunner.RunCheckedAsync(Path.Combine(bin, "initdb"),
        [
            "-D", DataDirectory, "-U", SuperUser, "--pwfile", PasswordFile, "--auth", "scram-sha-256",
            "-E", "UTF8", "--locale", "C.UTF-8", "--no-instructions",
        ], AsPostgres, ct);
        var conf = new List<string>
        {
            "",
            "# DiaBan private cluster: loopback only, no unix socket",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "max_connections = 200",
            "shared_buffers = 128MB",
        };
        if (!Durable) conf.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        await File.AppendAllLinesAsync(Path.Combine(DataDirectory, "postgresql.conf"), conf, ct);
        if (AsPostgres) await ChownToPostgresAsync(ct);
    }

    private async Task ChownToPostgresAsync(CancellationToken ct)
    {
        await ProcessRunner.RunCheckedAsync("chown", ["-R", "postgres:postgres", Root], false, ct);
        // the server (as postgres) must be able to reach the folder through every ancestor
        if (OperatingSystem.IsWindows()) return;
        for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
                throw new InvalidOperationException(
                    $"the postgres user cannot enter {dir.FullName}; choose another DIABAN_HOME or configure a connection string");
        }
    }

    private async Task<bool> IsRunningAsync(string bin, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))) return false;
        var r = await ProcessRunner.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", DataDirectory, "status"], AsPostgres, ct);
        return r.ExitCode == 0;
    }

    private static async Task WaitUntilAcceptingAsync(string cs, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var c = new NpgsqlConnection(cs);
                await c.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException) when (attempt < 60)
            {
                await Task.Delay(500, ct);
            }
        }
    }

    private async Task<IDisposable> AcquireLockAsync(CancellationToken ct)
    {
        // FileShare.None is an exclusive flock on Linux: other processes wait here until we are done
        while (true)
        {
            try
            {
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    private int? ReadPort() =>
        File.Exists(PortFile) && int.TryParse(File.ReadAllText(PortFile).Trim(), out var p) ? p : null;

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            l.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

public sealed record ClusterStatus(string Root, bool Initialised, bool Running, int? Port);
