using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DiaBan.Bench.Load;

/// <summary>
/// The built app (src/Web, Release) as its own process on a free loopback port, in Production with demo mode on an
/// empty database: it migrates, seeds the demo province and creates the demo accounts itself.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process process;

    public Uri BaseAddress { get; }

    private WebProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    /// <param name="settings">more app settings as environment variables (e.g. Map__WarmTiles = false)</param>
    public static async Task<WebProcess> StartAsync(string webDll, string connectionString, TimeSpan startTimeout,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(webDll))
        {
            throw new FileNotFoundException($"build the app first: dotnet build src/Web -c Release ({webDll} is missing)");
        }
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [webDll])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DIABAN_URLS"] = address.ToString(); // Program.cs listens where DIABAN_URLS says
        start.Environment["ConnectionStrings__DiaBan"] = connectionString;
        start.Environment["Demo__Enabled"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the app");
        // the console logger writes to standard output: keep its errors (Warning and above were asked for)
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[app] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[app] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var web = new WebProcess(process, address);

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < startTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the app exited with {process.ExitCode} while starting");
            }
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return web;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(1000);
        }
        await web.DisposeAsync();
        throw new TimeoutException($"the app did not answer /health within {startTimeout}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
