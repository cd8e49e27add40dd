using DiaBan.Geo.Hosting;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// `./run.sh` on a fresh machine: the embedded cluster with its owner and app roles, an empty database, demo mode. The app
/// seeds the demo and builds the patrol grid at start. The other web tests run with one connection for both roles, so they
/// never saw that the grid build (it drops and re-creates grid_cell's indexes and foreign key) died as the app role with
/// "must be owner of table grid_cell" and the app never started.
/// </summary>
public sealed class DemoStartupRolesTests : IAsyncLifetime
{
    private PrivateClusterApp _app = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _app = await PrivateClusterApp.StartAsync("roles", new Dictionary<string, string>
        {
            ["Demo:Enabled"] = "true", ["RiskJobs:PrepareOnStart"] = "false", ["CellModel:Enabled"] = "false",
        });
        _factory = _app.Factory;
    }

    [Fact]
    public async Task A_fresh_demo_start_with_an_owner_and_an_app_role_seeds_and_builds_the_patrol_grid()
    {
        using var client = _factory.CreateClient(); // runs start-up: migrations as owner, seed, grid
        var database = _factory.Services.GetRequiredService<DiaBanDatabase>();
        Assert.Contains($"Username={EmbeddedPostgres.AppRole}", database.ConnectionString);
        Assert.NotEqual(database.ConnectionString, database.OwnerConnectionString);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var cells = new NpgsqlCommand("SELECT count(*) FROM grid_cell", connection))
            Assert.True((long)(await cells.ExecuteScalarAsync())! > 10_000, "the demo's 250 m grid");
        // the rebuilt indexes and foreign key are back, and the app role still reads and writes the table
        await using (var indexes = new NpgsqlCommand("SELECT count(*) FROM pg_indexes WHERE tablename = 'grid_cell'", connection))
            Assert.True((long)(await indexes.ExecuteScalarAsync())! >= 2);
        await using (var grants = new NpgsqlCommand("SELECT has_table_privilege(current_user, 'grid_cell', 'SELECT, INSERT')", connection))
            Assert.True((bool)(await grants.ExecuteScalarAsync())!);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
