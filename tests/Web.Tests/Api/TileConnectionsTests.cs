using DiaBan.Geo.Queries;
using DiaBan.Web.Hosting;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Web.Tests.Api;

/// <summary>Tile statements run on a few connections of their own, the most recently used first, so a quiet map is
/// served by one backend that has run the statements before (issue 12.2).</summary>
public sealed class TileConnectionsTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task One_request_at_a_time_is_served_by_the_same_backend()
    {
        await using var connections = new TileConnections(WarmConnections.TileDataSource(app.ConnectionString), 3);
        var pids = new List<int>();
        for (var i = 0; i < 5; i++) pids.Add(await PidAsync(connections));
        Assert.Single(pids.Distinct());
    }

    [Fact]
    public async Task Overlapping_requests_get_their_own_connections_and_the_last_given_back_comes_first()
    {
        await using var connections = new TileConnections(WarmConnections.TileDataSource(app.ConnectionString), 3);
        var first = await connections.RentAsync();
        var second = await connections.RentAsync();
        var firstPid = first.Connection.ProcessID;
        var secondPid = second.Connection.ProcessID;
        Assert.NotEqual(firstPid, secondPid);
        await first.DisposeAsync();
        await second.DisposeAsync();
        Assert.Equal(secondPid, await PidAsync(connections));
    }

    [Fact]
    public async Task At_most_size_connections_are_lent_and_a_waiting_request_gets_the_one_given_back()
    {
        await using var connections = new TileConnections(WarmConnections.TileDataSource(app.ConnectionString), 1);
        var held = await connections.RentAsync();
        var heldPid = held.Connection.ProcessID;
        var waiting = connections.RentAsync().AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await using var next = await waiting;
        Assert.Equal(heldPid, next.Connection.ProcessID);
    }

    [Fact]
    public async Task A_connection_broken_while_lent_is_not_lent_again()
    {
        await using var connections = new TileConnections(WarmConnections.TileDataSource(app.ConnectionString), 2);
        int brokenPid;
        await using (var lease = await connections.RentAsync())
        {
            brokenPid = lease.Connection.ProcessID;
            await app.ScalarAsync<bool>("SELECT pg_terminate_backend(@pid)", ("pid", brokenPid));
            await using var command = lease.CreateCommand("SELECT 1");
            await Assert.ThrowsAnyAsync<Exception>(() => command.ExecuteScalarAsync());
        }
        var next = await PidAsync(connections);
        Assert.NotEqual(brokenPid, next);
    }

    [Fact]
    public async Task The_apps_tile_statements_run_on_the_tile_connections()
    {
        var connections = app.Factory.Services.GetRequiredService<TileConnections>();
        var queries = app.Factory.Services.GetRequiredService<TileQueries>();
        var pid = await PidAsync(connections);
        await queries.DataVersionAsync();
        Assert.Equal(pid, await PidAsync(connections));
    }

    [Fact]
    public async Task A_kept_connection_whose_backend_ended_is_replaced_and_the_work_runs_again_once()
    {
        await using var connections = new TileConnections(WarmConnections.TileDataSource(app.ConnectionString), 2);
        await connections.FillAsync(2);
        var kept = await IdlePidsAsync(connections, 2);
        // what a restart of the database does to every kept connection
        foreach (var pid in kept) await app.ScalarAsync<bool>("SELECT pg_terminate_backend(@pid)", ("pid", pid));

        var runs = 0;
        var served = await connections.RunAsync(async lease =>
        {
            runs++;
            await using var command = lease.CreateCommand("SELECT pg_backend_pid()");
            return (int)(await command.ExecuteScalarAsync())!;
        });
        Assert.Equal(2, runs);
        Assert.DoesNotContain(served, kept);
        Assert.True(connections.BrokenFound >= 1);
        // the other broken one is found by the background check, not by the next request
        await connections.IdleCheck;
        Assert.Equal(2, connections.BrokenFound);
        Assert.Equal(served, await connections.RunAsync(async lease =>
        {
            await using var command = lease.CreateCommand("SELECT pg_backend_pid()");
            return (int)(await command.ExecuteScalarAsync())!;
        }));
        Assert.Equal(2, connections.BrokenFound);
    }

    [Fact]
    public async Task A_failure_that_leaves_the_connection_open_is_not_retried()
    {
        await using var connections = new TileConnections(WarmConnections.TileDataSource(app.ConnectionString), 1);
        var runs = 0;
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => connections.RunAsync<int>(async lease =>
        {
            runs++;
            await using var command = lease.CreateCommand("SELECT 1 / 0");
            return (int)(await command.ExecuteScalarAsync())!;
        }));
        Assert.Equal(1, runs);
        Assert.Equal(0, connections.BrokenFound);
    }

    [Fact]
    public async Task Work_on_each_idle_connection_never_holds_up_a_request_and_keeps_the_idle_order()
    {
        await using var connections = new TileConnections(WarmConnections.TileDataSource(app.ConnectionString), 3);
        await connections.FillAsync(3);
        var mostRecent = await PidAsync(connections);
        var first = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var worked = new List<int>();
        var pass = connections.ForEachIdleAsync(async (connection, _) =>
        {
            worked.Add(connection.ProcessID);
            if (worked.Count == 1)
            {
                first.SetResult();
                await release.Task;
            }
        });
        await first.Task;
        // while the pass holds one idle connection, a request gets another at once
        await using (var lease = await connections.RentAsync())
            Assert.NotEqual(worked[0], lease.Connection.ProcessID);
        release.SetResult();
        Assert.Equal(3, await pass);
        Assert.Equal(3, worked.Distinct().Count());
        // the least recently used first, the most recently used last: it is on top again
        Assert.Equal(mostRecent, worked[^1]);
        Assert.Equal(mostRecent, await PidAsync(connections));
    }

    [Fact]
    public async Task A_tile_request_after_the_tile_backends_ended_is_served()
    {
        using var client = await Infrastructure.ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var year = (await TilesApiTests.YearsAsync(client))[^1];
        var (west, south, east, north) = await TilesApiTests.ExtentAsync(client, year);
        var (x, y) = TilesApiTests.TileOf(7, (west + east) / 2, (south + north) / 2);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/tiles/status/7/{x}/{y}.mvt?year={year}")).StatusCode);
        var tileBackends = await app.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name",
            ("name", WarmConnections.TileApplicationName));
        Assert.True(tileBackends >= 1, "the tile connections name their backends");

        // what a restart does to the kept tile connections: their backends end
        Assert.True(await app.ScalarAsync<long>(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name",
            ("name", WarmConnections.TileApplicationName)) >= 1);
        var tiles = app.Factory.Services.GetRequiredService<TileConnections>();
        var before = tiles.BrokenFound;
        // a tile not built yet (the statement runs), then a revalidation (the version read runs): both served
        var response = await client.GetAsync($"/tiles/status/7/{x + 1}/{y}.mvt?year={year}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("built", response.Headers.GetValues(DiaBan.Web.Api.TileCache.OutcomeHeader).Single());
        Assert.True(tiles.BrokenFound > before, "the request met a broken kept tile connection");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/tiles/status/7/{x}/{y}.mvt?year={year}")).StatusCode);
    }

    private static async Task<int[]> IdlePidsAsync(TileConnections connections, int count)
    {
        var leases = new List<TileConnections.Lease>();
        for (var i = 0; i < count; i++) leases.Add(await connections.RentAsync());
        var pids = leases.Select(l => l.Connection.ProcessID).ToArray();
        foreach (var lease in leases) await lease.DisposeAsync();
        return pids;
    }

    private static async Task<int> PidAsync(TileConnections connections)
    {
        await using var lease = await connections.RentAsync();
        await using var command = lease.CreateCommand("SELECT pg_backend_pid()");
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
