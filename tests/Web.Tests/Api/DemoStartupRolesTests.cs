using DiaBan.Geo.Hosting;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
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
    private readonly string _home = Path.Combine(RepoPaths.SolutionRoot, ".diaban", $"test-roles-{Guid.NewGuid():N}"[..28]);
    private EmbeddedPostgres _cluster = null!;
    private RolesAppFactory _factory = null!;

    private sealed class RolesAppFactory(string home) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("RiskJobs:PrepareOnStart", "false");
            builder.UseSetting("CellModel:Enabled", "false");
            builder.UseSetting("DiaBan:Home", home);
            // no connection string: the embedded cluster of `home`, with its owner and app roles, as ./run.sh has it
            builder.ConfigureTestServices(services => services.AddSingleton(new DiaBanDatabase(null, home)));
        }
    }

    public async Task InitializeAsync()
    {
        _cluster = new EmbeddedPostgres(Path.Combine(_home, ".diaban", "pg"), durable: false);
        await _cluster.StartAsync();
        _factory = new RolesAppFactory(_home);
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

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _cluster.StopAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the stopping server: .diaban/ is git-ignored, the next clean removes it
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
