using DiaBan.Geo.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DiaBan.Web.Tests.Infrastructure;

/// <summary>
/// The web app on its own embedded cluster with the owner and app roles of a real installation (`./run.sh` on a fresh
/// machine: no connection string, <c>DiaBan:Home</c> = a fresh folder under .diaban/), for the tests the shared cluster
/// cannot host (one that stops the server, one that needs the two roles). Disposing stops the cluster and removes its folder.
/// </summary>
public sealed class PrivateClusterApp : IAsyncDisposable
{
    private PrivateClusterApp(string home, EmbeddedPostgres cluster, WebApplicationFactory<Program> factory) =>
        (Home, Cluster, Factory) = (home, cluster, factory);

    public string Home { get; }
    public EmbeddedPostgres Cluster { get; }
    public WebApplicationFactory<Program> Factory { get; }

    /// <param name="name">A short word for the folder (<c>.diaban/test-{name}-…</c>; the socket path must stay short).</param>
    /// <param name="settings">The test's own settings (Demo:Enabled, rate limits…) on top of the environment "Testing".</param>
    public static async Task<PrivateClusterApp> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var home = Path.Combine(RepoPaths.SolutionRoot, ".diaban", $"test-{name}-{Guid.NewGuid():N}"[..(name.Length + 23)]);
        var cluster = new EmbeddedPostgres(Path.Combine(home, ".diaban", "pg"), durable: false);
        await cluster.StartAsync();
        return new PrivateClusterApp(home, cluster, new AppFactory(home, settings));
    }

    private sealed class AppFactory(string home, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.UseSetting("DiaBan:Home", home);
            // no connection string: the embedded cluster of `home`, with its owner and app roles
            builder.ConfigureTestServices(services => services.AddSingleton(new DiaBanDatabase(null, home)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await Cluster.StopAsync();
        try
        {
            Directory.Delete(Home, recursive: true);
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
