using DiaBan.Geo.Hosting;
using DiaBan.Geo.Tests.Infrastructure;
using Npgsql;

namespace DiaBan.Geo.Tests.Hosting;

/// <summary>The whole life of a private cluster, on its own folder (&lt;repo&gt;/.diaban/test-lifecycle-pg) so the shared test cluster is not disturbed.</summary>
public class EmbeddedPostgresTests
{
    private static readonly string Root = RepoPaths.Repo(".diaban", "test-lifecycle-pg");

    [Fact]
    public async Task Cluster_starts_once_for_concurrent_callers_serves_postgis_on_loopback_and_stops()
    {
        var starts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => new EmbeddedPostgres(Root, durable: false).StartAsync()));
        Assert.Single(starts.Distinct());
        var pg = new EmbeddedPostgres(Root, durable: false);
        var port = int.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "port")));
        Assert.Equal(port, new NpgsqlConnectionStringBuilder(starts[0]).Port);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Root, "password")));

        var diaban = await pg.EnsureDatabaseAsync("diaban");
        await using (var c = new NpgsqlConnection(diaban))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT current_setting('listen_addresses') || ' ' || current_setting('password_encryption') || ' ' || postgis_lib_version()", c);
            Assert.StartsWith("127.0.0.1 scram-sha-256 3.", (string)(await cmd.ExecuteScalarAsync())!);
        }
        // a wrong password is refused: scram, not trust
        var wrong = new NpgsqlConnectionStringBuilder(diaban) { Password = "not-the-password", Pooling = false }.ConnectionString;
        await using (var bad = new NpgsqlConnection(wrong))
            await Assert.ThrowsAsync<PostgresException>(() => bad.OpenAsync());

        NpgsqlConnection.ClearAllPools();
        await pg.StopAsync();
        Assert.False((await pg.StatusAsync()).Running);
        Assert.True((await pg.StatusAsync()).Initialised);
    }

    [Fact]
    public void Configured_connection_string_wins_over_the_environment_and_the_embedded_default()
    {
        Assert.Equal("Host=db;Database=x", DatabaseSetup.ConfiguredConnectionString("Host=db;Database=x"));
        var env = Environment.GetEnvironmentVariable(DatabaseSetup.ConnectionStringEnv);
        Assert.Equal(string.IsNullOrWhiteSpace(env) ? null : env, DatabaseSetup.ConfiguredConnectionString(null));
    }
}
