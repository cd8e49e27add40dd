using Npgsql;

namespace DiaBan.Geo.Hosting;

/// <summary>
/// Whole-database backup and restore with the machine's pg_dump / pg_restore (custom format, compressed). Ownership and
/// grants are not carried: restored objects belong to the role that restores (the owner), and the app role's grants
/// are re-applied by the next start (DatabaseSetup.PrepareConnectionsAsync). PostGIS is not dumped or dropped: the
/// target database keeps its own extension (non-superuser owners may not create it).
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Writes database <paramref name="connectionString"/> to <paramref name="file"/> (pg_dump -Fc).</summary>
    public static async Task BackupAsync(string connectionString, string file, CancellationToken ct)
    {
        var path = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", "--file", path], ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>
    /// Replaces the contents of database <paramref name="connectionString"/> with the backup in <paramref name="file"/>:
    /// drops what the backup holds, recreates it, in one transaction (a failed restore leaves the database as it was).
    /// </summary>
    public static async Task RestoreAsync(string connectionString, string file, CancellationToken ct)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path)) throw new FileNotFoundException($"backup file not found / không thấy tệp sao lưu: {path}", path);
        var list = Path.Combine(Path.GetTempPath(), $"diaban-restore-{Guid.NewGuid():N}.list");
        try
        {
            // the table of contents without the extensions (PostGIS stays as the target has it)
            await RunAsync("pg_restore", null, ["--list", "--file", list, path], ct);
            var kept = (await File.ReadAllLinesAsync(list, ct)).Where(line => !IsExtensionEntry(line)).ToList();
            await File.WriteAllLinesAsync(list, kept, ct);
            await RunAsync("pg_restore", connectionString,
            [
                "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                "--use-list", list, path,
            ], ct);
        }
        finally
        {
            File.Delete(list);
        }
        NpgsqlConnection.ClearAllPools(); // pooled sessions may hold the dropped tables' types
    }

    // "123; 3079 16385 EXTENSION - postgis" and its "COMMENT - EXTENSION postgis"
    private static bool IsExtensionEntry(string line) =>
        line.Contains(" EXTENSION - ", StringComparison.Ordinal) || line.Contains(" COMMENT - EXTENSION ", StringComparison.Ordinal);

    // the libpq tools take the connection as arguments and the password from the environment (never on the command line)
    private static async Task<string> RunAsync(string tool, string? connectionString, IReadOnlyList<string> args, CancellationToken ct)
    {
        var exe = Path.Combine(PostgresBinaries.Locate(), tool);
        var all = new List<string>();
        var env = new Dictionary<string, string?>();
        if (connectionString is not null)
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            all.AddRange(["--host", b.Host ?? "127.0.0.1", "--port", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--username", b.Username ?? Environment.UserName, "--dbname", b.Database ?? "diaban", "--no-password"]);
            env["PGPASSWORD"] = b.Password;
            env["PGSSLMODE"] = b.SslMode switch { SslMode.Disable => "disable", SslMode.Require => "require", SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "prefer" };
        }
        all.AddRange(args);
        var r = await ProcessRunner.RunAsync(exe, all, asPostgresUser: false, ct, env);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed (exit {r.ExitCode}) / {tool} lỗi: {r.Output}");
        return r.Output;
    }
}
