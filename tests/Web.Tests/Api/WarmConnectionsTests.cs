using DiaBan.Testing;
using DiaBan.Web.Hosting;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// The read pool's connections are warmed when they open (<see cref="WarmConnections"/>): the app starts with that many
/// open and keeps them, and a database without PostGIS (before its migration) still opens a connection.
/// </summary>
public sealed class WarmConnectionsTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_app_starts_with_its_read_pool_filled()
    {
        var user = new NpgsqlConnectionStringBuilder(app.Factory.Services.GetRequiredService<DiaBan.Geo.Hosting.DiaBanDatabase>().ConnectionString).Username!;
        var open = await app.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = @user", ("user", user));
        Assert.True(open >= WarmConnections.Count, $"the app's connections after start-up: {open}");
    }

    [Fact]
    public async Task A_pooled_connection_is_warmed_on_a_database_with_and_without_PostGIS()
    {
        var admin = await TestCluster.AdminConnectionStringAsync();
        var name = $"diaban_warm_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync();
        }
        var empty = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        try
        {
            await using var bare = WarmConnections.DataSource(empty);
            await using (var connection = await bare.OpenConnectionAsync())
            await using (var command = new NpgsqlCommand("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'", connection))
                Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
        finally { await TestDatabases.DropAsync(admin, empty); }

        await using var withPostGis = WarmConnections.DataSource(app.ConnectionString);
        await using var warmed = await withPostGis.OpenConnectionAsync();
        await using var transform = new NpgsqlCommand("SELECT ST_SRID(ST_Transform(ST_SetSRID(ST_MakePoint(106, 21), 4326), 3857))", warmed);
        Assert.Equal(3857, (int)(await transform.ExecuteScalarAsync())!);
    }
}
