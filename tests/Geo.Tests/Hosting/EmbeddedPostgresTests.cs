using DiaBan.Geo.Hosting;
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
}

/// <summary>Where the connection string comes from: an explicit value, else env DIABAN_DB, else none (the embedded cluster).</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public class ConnectionStringPrecedenceTests
{
    [Fact]
    public void Configured_connection_string_wins_over_DIABAN_DB_which_wins_over_the_embedded_default()
    {
        var saved = Environment.GetEnvironmentVariable("DIABAN_DB");
        try
        {
            Environment.SetEnvironmentVariable("DIABAN_DB", "Host=env;Database=from_env");
            Assert.Equal("Host=db;Database=x", DatabaseSetup.ConfiguredConnectionString("Host=db;Database=x"));
            Assert.Equal("Host=env;Database=from_env", DatabaseSetup.ConfiguredConnectionString(null));
            Assert.Equal("Host=env;Database=from_env", DatabaseSetup.ConfiguredConnectionString("  "));

            Environment.SetEnvironmentVariable("DIABAN_DB", null);
            Assert.Equal("Host=db;Database=x", DatabaseSetup.ConfiguredConnectionString("Host=db;Database=x"));
            Assert.Null(DatabaseSetup.ConfiguredConnectionString(null));
            Environment.SetEnvironmentVariable("DIABAN_DB", " ");
            Assert.Null(DatabaseSetup.ConfiguredConnectionString(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable("DIABAN_DB", saved);
        }
    }
}

/// <summary>Tests that change process-wide environment variables run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
