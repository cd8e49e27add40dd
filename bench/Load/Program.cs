using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Bench.Load;
using DiaBan.Testing;

// Bounded load test (issue 11): /api/status for the province at a fixed concurrency, alone and then while four
// expensive statistics requests run without pause. Loopback only; stops by itself; prints a Markdown table.
//   dotnet run --project bench/Load -c Release -- [--seconds 20] [--concurrency 32]
var seconds = Option("--seconds", 20);
var concurrency = Option("--concurrency", 32);
const string DemoPassword = "DiaBan-demo-2026"; // the published demo password (src/Web/Auth/DemoAccounts.cs)

var admin = await TestCluster.AdminConnectionStringAsync();
var connectionString = await TestDatabases.CreateAsync(admin, "diaban_load");
try
{
    var webDll = RepoPaths.Repo("src", "Web", "bin", "Release", "net10.0", "DiaBan.Web.dll");
    Console.Error.WriteLine("starting the app (migrations and demo seed on a fresh database)…");
    await using var web = await WebProcess.StartAsync(webDll, connectionString, TimeSpan.FromMinutes(10));

    var leader = await ClientAsync(web.BaseAddress, "leader@diaban.local");
    // two users, two requests each: the per-user limit (2 at once) lets all four compute at the same time
    HttpClient[] heavyUsers = [await ClientAsync(web.BaseAddress, "admin@diaban.local"), await ClientAsync(web.BaseAddress, "planner@diaban.local")];

    var years = JsonSerializer.Deserialize<int[]>(await leader.GetStringAsync("/api/status/years"))!;
    var year = years.Max();
    var statusPath = $"/api/status?year={year}";
    // the widest span the API accepts (40 quarters) and the permutation test under changing weights (no cache hit)
    var emergingPath = $"/api/emerging?from={year - 9}Q1&to={year}Q4";
    string ClustersPath(int i) => $"/api/clusters?year={year - i % 5}&weights=knn:{4 + i % 9}";

    // warm up: JIT, connection pools, first statistics
    await leader.GetAsync(statusPath);
    await heavyUsers[0].GetAsync(emergingPath);
    await heavyUsers[1].GetAsync(ClustersPath(0));

    var calm = await RunStatusAsync(leader, statusPath, concurrency, TimeSpan.FromSeconds(seconds));
    Console.Error.WriteLine($"alone: {calm.Count} requests");

    using var stopHeavy = new CancellationTokenSource();
    var heavy = new Latencies();
    var heavyTasks = Enumerable.Range(0, 4).Select(k => Task.Run(async () =>
    {
        var client = heavyUsers[k % 2];
        for (var i = k; !stopHeavy.IsCancellationRequested; i += 4)
        {
            await TimeAsync(client, k < 2 ? emergingPath : ClustersPath(i), heavy, stopHeavy.Token);
        }
    })).ToArray();
    await Task.Delay(TimeSpan.FromSeconds(2)); // let the four computations start
    var loaded = await RunStatusAsync(leader, statusPath, concurrency, TimeSpan.FromSeconds(seconds));
    stopHeavy.Cancel();
    await Task.WhenAll(heavyTasks);

    Console.Error.WriteLine($"status codes — alone: {calm.Breakdown()}; under load: {loaded.Breakdown()}; expensive: {heavy.Breakdown()}");
    foreach (var path in new[] { emergingPath, ClustersPath(1) })
    {
        var probe = await heavyUsers[0].GetAsync(path);
        Console.Error.WriteLine($"{path} → {(int)probe.StatusCode} {(probe.IsSuccessStatusCode ? "" : await probe.Content.ReadAsStringAsync())}");
    }
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
    Console.WriteLine($"`/api/status?year={year}` (demo province), concurrency {concurrency}, {seconds} s per phase, {Environment.ProcessorCount} cores, load average {load} at the end");
    Console.WriteLine();
    Console.WriteLine("| phase | requests | p50 ms | p95 ms | p99 ms | 5xx | 429 | no answer |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    Row("status alone", calm);
    Row("status with 4 expensive running", loaded);
    Row("the expensive requests themselves", heavy);
    var ratio = loaded.Percentile(95) / calm.Percentile(95);
    var met = ratio <= 2 && calm.ServerErrors + loaded.ServerErrors + heavy.ServerErrors == 0;
    Console.WriteLine();
    Console.WriteLine($"p95 under load / p95 alone = {ratio.ToString("0.00", CultureInfo.InvariantCulture)} (goal ≤ 2, no 5xx): {(met ? "met" : "NOT met")}");
    return met ? 0 : 1;
}
finally
{
    await TestDatabases.DropAsync(admin, connectionString);
}

static async Task<Latencies> RunStatusAsync(HttpClient client, string path, int workers, TimeSpan duration)
{
    var result = new Latencies();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
    {
        while (clock.Elapsed < duration)
        {
            await TimeAsync(client, path, result, CancellationToken.None);
        }
    })));
    return result;
}

static async Task TimeAsync(HttpClient client, string path, Latencies into, CancellationToken ct)
{
    var watch = Stopwatch.StartNew();
    try
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
        into.Add(watch.Elapsed.TotalMilliseconds, (int)response.StatusCode);
    }
    catch (OperationCanceledException) when (ct.IsCancellationRequested)
    {
        // the phase ended while this one ran: not a sample
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        into.Add(watch.Elapsed.TotalMilliseconds, 0);
    }
}

static async Task<HttpClient> ClientAsync(Uri baseAddress, string email)
{
    var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
    var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = DemoPassword });
    login.EnsureSuccessStatusCode();
    var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

static void Row(string name, Latencies l) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {l.Count} | {l.Percentile(50):0.0} | {l.Percentile(95):0.0} | {l.Percentile(99):0.0} | {l.ServerErrors} | {l.Status(429)} | {l.NoAnswer} |"));

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value > 0 ? value : fallback;
}
