using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// When each step from sign-in to the first drawn map tile happened, for one page: the network steps from the page's
/// navigation and resource timing (the browser's own clock), the circuit's websocket from Playwright's events, and the map steps from
/// the performance marks diabanMap.js sets (<c>diaban-map:*</c>) and those of a small observer this class adds to the
/// page (<c>page:*</c>: the map element and the first tile canvas appearing). Every time is milliseconds since the
/// Unix epoch on this machine's clock, printed as seconds since <see cref="Start"/> (the click on "sign in").
/// </summary>
public sealed class FirstPaintTimeline
{
    // runs in every document of the page before its own scripts: marks when the map element and its first tile canvas appear
    private const string Observer = """
        (() => {
            const seen = new Set();
            const mark = (name) => { if (!seen.has(name)) { seen.add(name); performance.mark(name); } };
            new MutationObserver(() => {
                if (document.querySelector('.status-map')) mark('page:map-element');
                if (document.querySelector('.status-map canvas.leaflet-tile')) mark('page:first-tile-canvas');
                if (document.querySelector('#unit-count')) mark('page:toolbar-filled');
            }).observe(document, { childList: true, subtree: true });
        })();
        """;

    private readonly List<(string Step, double At)> steps = [];
    private readonly object gate = new();
    private double start;

    private FirstPaintTimeline() { }

    public static async Task<FirstPaintTimeline> WatchAsync(IPage page)
    {
        var timeline = new FirstPaintTimeline();
        await page.AddInitScriptAsync(Observer);
        page.WebSocket += (_, ws) =>
        {
            if (!ws.Url.Contains("/_blazor", StringComparison.Ordinal)) return;
            timeline.Add("circuit websocket open", Now());
            var first = true;
            ws.FrameReceived += (_, _) =>
            {
                if (!first) return;
                first = false;
                timeline.Add("circuit: first message from the server", Now());
            };
        };
        return timeline;
    }

    /// <summary>The moment the steps are counted from (just before the sign-in click).</summary>
    public void Start() => start = Now();

    /// <summary>Reads the marks of the page's current document (call once the map is drawn).</summary>
    public async Task ReadMarksAsync(IPage page)
    {
        var marks = await page.EvaluateAsync<JsonElement>("""
            () => {
                const at = (t) => performance.timeOrigin + t;
                const list = performance.getEntriesByType('mark')
                    .filter((m) => m.name.startsWith('diaban-map:') || m.name.startsWith('page:'))
                    .map((m) => ({ name: m.name, at: at(m.startTime) }));
                // the navigation began with the sign-in POST (its redirect to /map is part of this document's timing)
                const nav = performance.getEntriesByType('navigation')[0];
                if (nav) {
                    list.push({ name: 'nav:post-sent', at: at(nav.startTime) });
                    if (nav.redirectEnd > 0) list.push({ name: 'nav:post-answered', at: at(nav.redirectEnd) });
                    list.push({ name: 'nav:map-requested', at: at(nav.requestStart) });
                    list.push({ name: 'nav:map-first-byte', at: at(nav.responseStart) });
                    list.push({ name: 'nav:map-received', at: at(nav.responseEnd) });
                    list.push({ name: 'nav:dom-content-loaded', at: at(nav.domContentLoadedEventEnd) });
                }
                for (const r of performance.getEntriesByType('resource')) {
                    const path = new URL(r.name).pathname;
                    list.push({ name: 'resource:' + path, start: at(r.startTime), at: at(r.responseEnd) });
                }
                return list;
            }
            """);
        foreach (var m in marks.EnumerateArray())
        {
            var name = m.GetProperty("name").GetString()!;
            var at = m.GetProperty("at").GetDouble();
            if (name.StartsWith("resource:", StringComparison.Ordinal))
            {
                Resource(name["resource:".Length..], m.GetProperty("start").GetDouble(), at);
                continue;
            }
            var text = name switch
            {
                "nav:post-sent" => "sign-in POST sent",
                "nav:post-answered" => "sign-in answered (redirect to /map)",
                "nav:map-requested" => "/map requested",
                "nav:map-first-byte" => "/map first byte",
                "nav:map-received" => "/map HTML received",
                "nav:dom-content-loaded" => "/map DOMContentLoaded (blazor.web.js run)",
                "page:map-element" => "map element in the page",
                "page:toolbar-filled" => "toolbar with the commune count rendered",
                "page:first-tile-canvas" => "first tile canvas in the page",
                "diaban-map:module" => "diabanMap.js evaluated",
                "diaban-map:create" => "createMap (Leaflet map made)",
                "diaban-map:tiles-asked" => "status tiles asked (setStatusTiles)",
                "diaban-map:tiles-library" => "protomaps-leaflet ready",
                "diaban-map:first-tile-drawn" => "first tile drawn",
                "diaban-map:tiles-drawn" => "every visible tile drawn (first paint)",
                "diaban-map:adopted" => "circuit's StatusMap adopted the started map",
                _ => name,
            };
            Add(text, at);
        }
    }

    private void Resource(string path, double start, double end)
    {
        if (path.Contains("blazor.web", StringComparison.Ordinal) && path.EndsWith(".js", StringComparison.Ordinal))
            Add("blazor.web.js received", end);
        else if (path.StartsWith("/_blazor/negotiate", StringComparison.Ordinal))
            Add("circuit negotiated", end);
        else if (path.EndsWith("/diabanMap.js", StringComparison.Ordinal))
            Add("diabanMap.js received", end);
        else if (path.EndsWith("/leaflet-src.esm.js", StringComparison.Ordinal))
            Add("leaflet-src.esm.js received", end);
        else if (path.EndsWith("/protomaps-leaflet.js", StringComparison.Ordinal))
            Add("protomaps-leaflet.js received", end);
        else if (path.StartsWith("/tiles/", StringComparison.Ordinal))
        {
            Add("first tile request sent", start, once: true);
            Add("first tile answered", end, once: true);
            Add("last tile answered", end, latest: true);
        }
    }

    private void Add(string step, double at, bool once = false, bool latest = false)
    {
        lock (gate)
        {
            var i = steps.FindIndex(s => s.Step == step);
            if (i < 0) steps.Add((step, at));
            else if (once && at < steps[i].At) steps[i] = (step, at);
            else if (latest && at > steps[i].At) steps[i] = (step, at);
        }
    }

    /// <summary>Seconds from <see cref="Start"/> to the step (null when it did not happen).</summary>
    public double? SecondsTo(string step)
    {
        lock (gate)
        {
            var i = steps.FindIndex(s => s.Step == step);
            return i < 0 ? null : (steps[i].At - start) / 1000;
        }
    }

    /// <summary>A markdown table: each step, its time since sign-in, and since the step before it.</summary>
    public string Table(string title)
    {
        List<(string Step, double At)> ordered;
        lock (gate) ordered = steps.Where(s => s.At >= start - 1).OrderBy(s => s.At).ToList();
        var text = new StringBuilder();
        text.AppendLine(title);
        text.AppendLine();
        text.AppendLine("| step | s from sign-in | s since the step before |");
        text.AppendLine("|---|---:|---:|");
        var previous = start;
        foreach (var (step, at) in ordered)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {step} | {(at - start) / 1000:F3} | {(at - previous) / 1000:F3} |");
            previous = at;
        }
        return text.ToString();
    }

    private static double Now() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
}
