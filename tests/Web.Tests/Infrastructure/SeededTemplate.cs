using DiaBan.Geo.Data;
using DiaBan.Geo.Demo;
using DiaBan.Geo.Hosting;
using Npgsql;

namespace DiaBan.Web.Tests.Infrastructure;

/// <summary>
/// The demo province seeded once per test run into a template database; each test class then gets its own copy
/// (CREATE DATABASE … TEMPLATE, a file copy) instead of seeding again.
/// </summary>
public static class SeededTemplate
{
    // the same cluster-wide lock Geo's DatabaseSetup takes around CREATE DATABASE … TEMPLATE
    private const long CreateDatabaseLock = 7317001;

    private static readonly Lazy<Task<string>> Template = new(BuildAsync);

    /// <summary>A new database holding the seeded demo data; returns its connection string.</summary>
    public static async Task<string> CopyAsync(string admin)
    {
        var template = await Template.Value;
        var name = $"diaban_web_test_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await ExecAsync(connection, $"SELECT pg_advisory_lock({CreateDatabaseLock})");
        try
        {
            await ExecAsync(connection, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            await ExecAsync(connection, $"SELECT pg_advisory_unlock({CreateDatabaseLock})");
        }
        return DatabaseSetup.WithDatabase(admin, name);
    }

    private static async Task<string> BuildAsync()
    {
        var admin = await TestCluster.AdminConnectionStringAsync();
        var connectionString = await DatabaseSetup.CreateFreshDatabaseAsync(admin, "diaban_web_seeded");
        // no pooling: a template must have no open sessions left once seeding is done
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using (var db = DiaBanDb.Create(unpooled))
        {
            await new DemoSeeder(db).SeedAsync(DemoProvinceGenerator.Generate());
        }
        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
