using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using DiaBan.Web.Hosting.Options;
using DiaBan.Web.Map;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Hosting;

/// <summary>
/// Takes off the first user's path what only the first user paid (issue 12.2, national map's first paint):
/// <list type="bullet">
/// <item>once, after start-up: the anonymous pages and files every sign-in passes through (GET /login and its
/// scripts and styles) are asked for over the app's own address, so Razor rendering, antiforgery, static files and
/// compression are compiled before a person signs in. Anonymous: nothing is shown to anyone, nothing is written; then
/// Identity's reads of a sign-in (user, lockout, claims, roles) for the first account, in-process, the result dropped;</item>
/// <item>whenever the data version changes (checked every <see cref="MapOptions.WarmCheckSeconds"/>): the reads of the
/// map's first view (<see cref="StatusViewCache"/>: years, commune count, extent of the scope's communes) for the whole country and
/// every province an account is limited to, the newest year and the newest year before the 2025 merger — the scopes and
/// years whose tiles <see cref="DiaBan.Web.Api.TileWarmer"/> builds.</item>
/// </list>
/// Off with <c>Map:WarmTiles=false</c> (benchmarks). It runs beside the app: readiness never waits for it, and a failure
/// is logged and left (users then read what they need themselves, as before).
/// </summary>
public sealed class MapStartWarmUp(StatusViewCache views, TileQueries tiles, IServiceScopeFactory services,
    IServer server, IHostApplicationLifetime lifetime, IOptions<MapOptions> options, ILogger<MapStartWarmUp> log) : BackgroundService
{
    /// <summary>Anonymous addresses of every sign-in (the login page and the files it loads).</summary>
    private static readonly string[] SignInPath = ["/login", "/favicon.svg", "/app.css", "/_framework/blazor.web.js"];

    /// <summary>The data version whose views were warmed last (for tests); 0 before the first.</summary>
    public long WarmedVersion => Interlocked.Read(ref warmedVersion);
    private long warmedVersion;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmTiles) return;
        try { await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).WaitAsync(stoppingToken); }
        catch (OperationCanceledException) when (lifetime.ApplicationStarted.IsCancellationRequested) { }
        catch (OperationCanceledException) { return; }
        await VisitSignInAsync(stoppingToken);
        await ReadLikeASignInAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var version = await tiles.DataVersionAsync(stoppingToken);
                if (version != WarmedVersion)
                {
                    await WarmViewsAsync(stoppingToken);
                    Interlocked.Exchange(ref warmedVersion, version);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning(e, "Map start warm-up failed; the first user after this reads the map's view himself");
            }
            try { await Task.Delay(TimeSpan.FromSeconds(options.Value.WarmCheckSeconds), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task WarmViewsAsync(CancellationToken ct)
    {
        foreach (var scope in await ScopesAsync(ct))
        {
            var reads = await views.ForAsync(scope, ct);
            var years = reads.Years;
            if (years.Count == 0) continue;
            var before = years.LastOrDefault(y => !MapDates.IsAfterBreak(y));
            foreach (var year in new[] { years[^1], before }.Where(y => y != 0).Distinct())
            {
                if (await reads.CountAsync(year) < options.Value.VectorTilesFromUnits) continue;
                await reads.ViewAsync(year);
            }
        }
    }

    // the same scopes as the tile warm-up
    private Task<IReadOnlyList<AreaScope>> ScopesAsync(CancellationToken ct) => Api.TileWarmer.FirstViewScopesAsync(services, ct);

    // Identity's reads of a sign-in and of every signed-in request (the user by name and by id, lockout, claims, roles:
    // EF Core compiles each query on first use), read-only; the principal made is dropped at once
    private async Task ReadLikeASignInAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DiaBanUser>>();
            var claims = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<DiaBanUser>>();
            await users.FindByNameAsync("warm-up@diaban.invalid");
            if (await users.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstOrDefaultAsync(ct) is { } id && await users.FindByIdAsync(id) is { } user)
            {
                await users.IsLockedOutAsync(user);
                _ = await claims.CreateAsync(user);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogInformation("Sign-in warm-up skipped: {Message}", e.Message);
        }
    }

    // GET of the sign-in's anonymous pages over the app's own (first) address; none when the app has no address (test server)
    private async Task VisitSignInAsync(CancellationToken ct)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]"), UriKind.Absolute, out var root)) return;
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = System.Net.DecompressionMethods.All })
            {
                BaseAddress = root,
                Timeout = TimeSpan.FromSeconds(30),
            };
            foreach (var path in SignInPath)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.AcceptEncoding.ParseAdd("gzip, br");
                using var response = await client.SendAsync(request, ct);
                await response.Content.ReadAsByteArrayAsync(ct);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.LogInformation("Sign-in warm-up over {Address} skipped: {Message}", root, e.Message);
        }
    }
}
