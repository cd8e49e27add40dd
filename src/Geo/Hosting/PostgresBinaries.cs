namespace DiaBan.Geo.Hosting;

/// <summary>Finds the machine's PostgreSQL server binaries (initdb, pg_ctl, postgres).</summary>
public static class PostgresBinaries
{
    /// <summary>The bin folder: DIABAN_PG_BIN, then `pg_config --bindir`, then the newest /usr/lib/postgresql/*/bin.</summary>
    public static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("DIABAN_PG_BIN");
        if (!string.IsNullOrEmpty(env) && HasServer(env)) return env;
        try
        {
            var r = ProcessRunner.RunAsync("pg_config", ["--bindir"], false, CancellationToken.None).GetAwaiter().GetResult();
            if (r.ExitCode == 0 && HasServer(r.Output)) return r.Output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not on PATH: fall through to the Debian layout
        }
        var root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var best = Directory.GetDirectories(root)
                .Select(d => (dir: Path.Combine(d, "bin"), ver: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => HasServer(x.dir))
                .OrderByDescending(x => x.ver)
                .FirstOrDefault();
            if (best.dir is not null) return best.dir;
        }
        throw new InvalidOperationException(
            "PostgreSQL server binaries not found (initdb, pg_ctl). Install PostgreSQL 15+ with PostGIS 3, set DIABAN_PG_BIN, " +
            "or configure a connection string (ConnectionStrings:DiaBan / DIABAN_DB). " +
            "Không tìm thấy PostgreSQL: hãy cài PostgreSQL + PostGIS hoặc cấu hình chuỗi kết nối.");
    }

    private static bool HasServer(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
}
