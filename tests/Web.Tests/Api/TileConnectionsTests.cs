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

    private static async Task<int> PidAsync(TileConnections connections)
    {
        await using var lease = await connections.RentAsync();
        await using var command = lease.CreateCommand("SELECT pg_backend_pid()");
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
