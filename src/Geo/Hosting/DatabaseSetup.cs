using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Hosting;

/// <summary>Where the database is and how it gets its schema: configured server or the embedded cluster, then EF migrations.</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "DiaBan";
    public const string ConnectionStringEnv = "DIABAN_DB";
    /// <summary>The owner role's connection (migrations, grants); the app's own connection then needs no DDL rights.</summary>
    public const string OwnerConnectionStringName = "DiaBanOwner";
    public const string OwnerConnectionStringEnv = "DIABAN_DB_OWNER";

    /// <summary>The configured connection string (explicit value, else env DIABAN_DB), or null to use the embedded cluster.</summary>
    public static string? ConfiguredConnectionString(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var env = Environment.GetEnvironmentVariable(ConnectionStringEnv);
        return string.IsNullOrWhiteSpace(env) ? null : env;
    }

    /// <summary>The configured connection string, or the embedded cluster's `diaban` database (started on demand).</summary>
    public static async Task<string> ResolveConnectionStringAsync(string? configured = null, string? home = null,
        CancellationToken ct = default)
    {
        var cs = ConfiguredConnectionString(configured);
        if (cs is not null) return cs;
        return await EmbeddedPostgres.ForHome(home).EnsureDatabaseAsync("diaban", ct);
    }

    /// <summary>Applies every pending EF migration (serialised across processes by an advisory lock).</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var db = DiaBanDb.Create(connectionString);
        await db.Database.MigrateAsync(ct);
        // PostGIS types created by the migration must be known to this process's pooled connections
        await using var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        await conn.ReloadTypesAsync(ct);
    }

    /// <summary>
    /// Resolves the database, starts the embedded cluster if needed, migrates; returns the owner's connection string
    /// (the CLI's: imports, wipes and migrations), or the configured one.
    /// </summary>
    public static async Task<string> PrepareAsync(string? configured = null, string? home = null, CancellationToken ct = default) =>
        (await PrepareConnectionsAsync(configured, configuredOwner: null, home, warn: null, ct)).Owner;

    /// <summary>The owner's connection string configured next to the app's (explicit value, else env DIABAN_DB_OWNER).</summary>
    public static string? ConfiguredOwnerConnectionString(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var env = Environment.GetEnvironmentVariable(OwnerConnectionStringEnv);
        return string.IsNullOrWhiteSpace(env) ? null : env;
    }

    /// <summary>
    /// The app's and the owner's connections: both configured; one configured (used for both, as before the two roles —
    /// <paramref name="warn"/> says so); or the embedded cluster's diaban_app and diaban_owner roles.
    /// </summary>
    public static async Task<DatabaseConnections> ResolveConnectionsAsync(string? configured, string? configuredOwner, string? home,
        Action<string>? warn, CancellationToken ct = default)
    {
        var app = ConfiguredConnectionString(configured);
        var owner = ConfiguredOwnerConnectionString(configuredOwner);
        if (app is not null && owner is not null) return new DatabaseConnections(app, owner);
        if (app is not null || owner is not null)
        {
            warn?.Invoke($"only one database connection is configured: the app runs with the rights of the role that migrates. " +
                $"Configure ConnectionStrings:{ConnectionStringName} (app role) and ConnectionStrings:{OwnerConnectionStringName} " +
                "(owner role), see docs/security.md / chỉ có một chuỗi kết nối: ứng dụng chạy với quyền của chủ sở hữu CSDL");
            return new DatabaseConnections(app ?? owner!, app ?? owner!);
        }
        return await EmbeddedPostgres.ForHome(home).EnsureDatabaseWithRolesAsync("diaban", ct);
    }

    /// <summary>Resolves both connections, migrates as the owner and (when the roles differ) grants the app role its rights.</summary>
    public static async Task<DatabaseConnections> PrepareConnectionsAsync(string? configured, string? configuredOwner, string? home,
        Action<string>? warn, CancellationToken ct = default)
    {
        var connections = await ResolveConnectionsAsync(configured, configuredOwner, home, warn, ct);
        await MigrateAsync(connections.Owner, ct);
        await connections.GrantAppAsync(ct);
        return connections;
    }

    /// <summary>Creates database `name` with PostGIS when it does not exist (admin = a superuser connection string).</summary>
    public static async Task CreateDatabaseIfMissingAsync(string adminConnectionString, string name, CancellationToken ct = default)
    {
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var _ = await CreateDatabaseLockAsync(admin, ct);
            if (!await DatabaseExistsAsync(admin, name, ct)) await ExecAsync(admin, $"CREATE DATABASE {Quote(name)}", ct);
        }
        await using var db = new NpgsqlConnection(WithDatabase(adminConnectionString, name));
        await db.OpenAsync(ct);
        await ExecAsync(db, "CREATE EXTENSION IF NOT EXISTS postgis", ct);
    }

    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    /// <summary>Whether the cluster behind `admin` has a database called `name`.</summary>
    public static async Task<bool> DatabaseExistsAsync(NpgsqlConnection admin, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
        cmd.Parameters.AddWithValue("n", name);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task ExecAsync(NpgsqlConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// CREATE DATABASE from a template fails while another session creates one: every database creation (here and in
    /// the tests' template clones) holds this cluster-wide lock; dispose to release it.
    /// </summary>
    public static async Task<IAsyncDisposable> CreateDatabaseLockAsync(NpgsqlConnection admin, CancellationToken ct)
    {
        await ExecAsync(admin, "SELECT pg_advisory_lock(7317001)", ct);
        return new Unlock(admin);
    }

    private sealed class Unlock(NpgsqlConnection c) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await ExecAsync(c, "SELECT pg_advisory_unlock(7317001)", CancellationToken.None);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
