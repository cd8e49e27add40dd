using System.Security.Cryptography;
using System.Text;
using DiaBan.Geo.Data;
using DiaBan.Geo.Hosting;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace DiaBan.Testing;

/// <summary>
/// Test databases in the run's cluster: a template with PostGIS and the current schema, migrated once per migration
/// set, then one uniquely named copy per test class (CREATE DATABASE … TEMPLATE: a file copy, not a migration run).
/// </summary>
public static class TestDatabases
{
    /// <summary>A fresh, empty, migrated database; returns its connection string.</summary>
    public static async Task<string> CreateAsync(string admin, string prefix = "diaban_test", CancellationToken ct = default) =>
        await CloneAsync(admin, await EnsureTemplateAsync(admin, ct), prefix, ct);

    /// <summary>A new uniquely named copy of database `template` (which must have no open sessions); returns its connection string.</summary>
    public static async Task<string> CloneAsync(string admin, string template, string prefix, CancellationToken ct = default)
    {
        var name = $"{prefix}_{DateTime.UtcNow:yyyyMMddHHmmss}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await using var _ = await DatabaseSetup.CreateDatabaseLockAsync(connection, ct);
        await ExecAsync(connection, $"CREATE DATABASE {Quote(name)} TEMPLATE {Quote(template)}", ct);
        return DatabaseSetup.WithDatabase(admin, name);
    }

    /// <summary>Drops the database `connectionString` points at, closing its sessions.</summary>
    public static async Task DropAsync(string admin, string connectionString, CancellationToken ct = default)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await ExecAsync(connection, $"DROP DATABASE IF EXISTS {Quote(DatabaseName(connectionString))} WITH (FORCE)", ct);
    }

    public static string DatabaseName(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Database
        ?? throw new ArgumentException($"no database in connection string '{connectionString}'", nameof(connectionString));

    private static async Task<string> EnsureTemplateAsync(string admin, CancellationToken ct)
    {
        var template = "diaban_template_" + SchemaFingerprint();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await using var _ = await DatabaseSetup.CreateDatabaseLockAsync(connection, ct);
        if (await DatabaseSetup.DatabaseExistsAsync(connection, template, ct)) return template;
        var building = template + "_building";
        await ExecAsync(connection, $"DROP DATABASE IF EXISTS {Quote(building)} WITH (FORCE)", ct);
        await ExecAsync(connection, $"CREATE DATABASE {Quote(building)}", ct);
        // no pooling: the rename below fails while any (idle pooled) connection to the database is open
        var cs = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithDatabase(admin, building)) { Pooling = false }.ConnectionString;
        await using (var db = new NpgsqlConnection(cs))
        {
            await db.OpenAsync(ct);
            await ExecAsync(db, "CREATE EXTENSION IF NOT EXISTS postgis", ct);
        }
        await DatabaseSetup.MigrateAsync(cs, ct);
        // renamed only once complete, so a crashed build is never used as a template
        await ExecAsync(connection, $"ALTER DATABASE {Quote(building)} RENAME TO {Quote(template)}", ct);
        return template;
    }

    // the template is rebuilt whenever the migration set changes
    private static string SchemaFingerprint()
    {
        using var db = DiaBanDb.Create("Host=localhost");
        var ids = db.GetService<IMigrationsAssembly>().Migrations.Keys.OrderBy(k => k, StringComparer.Ordinal);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(";", ids)));
        return Convert.ToHexString(hash)[..12].ToLowerInvariant();
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
