using DiaBan.Demo.Province;
using DiaBan.Geo.Data;
using DiaBan.Testing;
using Npgsql;

namespace DiaBan.Web.Tests.Infrastructure;

/// <summary>
/// The demo province seeded once per test run into a template database; each test class then gets its own copy
/// (CREATE DATABASE … TEMPLATE, a file copy) instead of seeding again.
/// </summary>
public static class SeededTemplate
{
    private static readonly Lazy<Task<string>> Template = new(BuildAsync);

    /// <summary>A new database holding the seeded demo data; returns its connection string.</summary>
    public static async Task<string> CopyAsync(string admin) =>
        await TestDatabases.CloneAsync(admin, await Template.Value, "diaban_web_test");

    private static async Task<string> BuildAsync()
    {
        var admin = await TestCluster.AdminConnectionStringAsync();
        var connectionString = await TestDatabases.CreateAsync(admin, "diaban_web_seeded");
        // no pooling: a template must have no open sessions left once seeding is done
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using (var db = DiaBanDb.Create(unpooled))
        {
            await new DemoSeeder(db).SeedAsync(DemoProvinceGenerator.Generate());
            // the patrol grid of the default size, as the demo start-up builds it (DemoData.EnsureSeededAsync)
            await new DiaBan.Geo.Services.GridBuilder(db).BuildAsync();
        }
        return TestDatabases.DatabaseName(connectionString);
    }
}
