using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// The server's side of a first paint, for the national map test: every HTTP request the app answered (method, path,
/// status, when it started and ended on this machine's clock, the same clock as <see cref="FirstPaintTimeline"/>), with
/// the JIT compilation and garbage collections that happened in the process meanwhile (process-wide counters: read
/// them when one user is on the server) and the database commands run for it (Npgsql's activities, same trace).
/// Added to the app by a start-up filter (<see cref="StartupFilter"/>); it only watches.
/// </summary>
public sealed class ServerTimeline : IDisposable
{
    public sealed record Request(string Method, string Path, int Status, DateTime Start, DateTime End, ActivityTraceId? Trace,
        long JitMethods, TimeSpan JitTime, int Gcs);

    public sealed record Command(ActivityTraceId Trace, DateTime Start, TimeSpan Duration, string Text);

    private readonly ConcurrentQueue<Request> requests = new();
    private readonly ConcurrentQueue<Request> failures = new();

    /// <summary>Every request answered with 400 or more since the app started (not forgotten by <see cref="Clear"/>).</summary>
    public IReadOnlyList<Request> Failures => [.. failures];
    private readonly ConcurrentQueue<Command> commands = new();
    private readonly ActivityListener listener;

    public ServerTimeline()
    {
        listener = new ActivityListener
        {
            // the request activity (parent of Npgsql's) and Npgsql's commands
            ShouldListenTo = s => s.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.Source.Name != "Npgsql") return;
                var text = a.GetTagItem("db.query.text") as string ?? a.GetTagItem("db.statement") as string ?? a.DisplayName;
                commands.Enqueue(new Command(a.TraceId, a.StartTimeUtc, a.Duration, text));
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener.Dispose();

    /// <summary>Forgets what was seen so far (call before the user signs in).</summary>
    public void Clear()
    {
        requests.Clear();
        commands.Clear();
    }

    private async Task WatchAsync(HttpContext http, Func<Task> next)
    {
        var jitMethods = JitInfo.GetCompiledMethodCount();
        var jitTime = JitInfo.GetCompilationTime();
        var gcs = GC.CollectionCount(0);
        var start = DateTime.UtcNow;
        try
        {
            await next();
        }
        finally
        {
            var request = new Request(http.Request.Method, http.Request.Path + http.Request.QueryString, http.Response.StatusCode, start,
                DateTime.UtcNow, Activity.Current?.TraceId, JitInfo.GetCompiledMethodCount() - jitMethods,
                JitInfo.GetCompilationTime() - jitTime, GC.CollectionCount(0) - gcs);
            requests.Enqueue(request);
            if (request.Status >= 400) failures.Enqueue(request);
        }
    }

    /// <summary>A markdown table of the requests answered from <paramref name="from"/> until <paramref name="until"/> (UTC).</summary>
    public string Table(string title, DateTime from, DateTime until)
    {
        var text = new StringBuilder();
        text.AppendLine(title);
        text.AppendLine();
        text.AppendLine("| request (server) | status | start s | end s | server ms | JIT methods / ms | GCs | DB commands / ms | longest command |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        var all = commands.ToArray();
        foreach (var r in requests.Where(r => r.Start >= from && r.Start <= until && !r.Path.StartsWith("/_blazor?", StringComparison.Ordinal)).OrderBy(r => r.Start))
        {
            var mine = r.Trace is { } trace ? all.Where(c => c.Trace == trace).ToArray() : [];
            var longest = mine.OrderByDescending(c => c.Duration).FirstOrDefault();
            var path = r.Path.Length > 60 ? r.Path[..60] + "…" : r.Path;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Method} {path} | {r.Status} | {(r.Start - from).TotalSeconds:F3} | {(r.End - from).TotalSeconds:F3} | {(r.End - r.Start).TotalMilliseconds:F0} | {r.JitMethods} / {r.JitTime.TotalMilliseconds:F0} | {r.Gcs} | {mine.Length} / {mine.Sum(c => c.Duration.TotalMilliseconds):F0} | {(longest is null ? "" : $"{longest.Duration.TotalMilliseconds:F0} ms `{Short(longest.Text)}`")} |");
        }
        // the page and the sign-in: each database command in order
        foreach (var r in requests.Where(r => r.Start >= from && r.Start <= until && (r.Path.StartsWith("/login", StringComparison.Ordinal) || r.Path.StartsWith("/map", StringComparison.Ordinal))).OrderBy(r => r.Start))
        {
            text.AppendLine();
            var each = all.Where(c => r.Trace is { } t && c.Trace == t).OrderBy(c => c.Start)
                .Select(c => $"{c.Duration.TotalMilliseconds:F0} ms `{Short(c.Text)}`");
            text.AppendLine($"{r.Method} {r.Path}: {string.Join("; ", each)}");
        }
        return text.ToString();
    }

    private static string Short(string sql)
    {
        var one = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries)).Replace("|", "/").Replace("`", "'");
        return one.Length > 70 ? one[..70] + "…" : one;
    }

    /// <summary>Puts the timeline's middleware first in the app's pipeline.</summary>
    public sealed class StartupFilter(ServerTimeline timeline) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) => timeline.WatchAsync(http, () => following(http)));
            next(app);
        };
    }
}
