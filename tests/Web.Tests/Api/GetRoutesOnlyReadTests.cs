using System.Net;
using System.Text.Json;
using DiaBan.Web.Hosting.Jobs;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// Issue 7's acceptance: no GET endpoint writes to the database. Every GET route of the OpenAPI document, as every
/// role, with its route parameters filled with real values, leaves the exact row count of every table (both contexts:
/// the public schema and auth) unchanged. What a GET cannot serve yet it hands to a background job (202 + job), and
/// only that job writes.
/// </summary>
public sealed class GetRoutesOnlyReadTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    private static readonly string[] Roles = ["admin", "leader", "planner", "police"];

    [Fact]
    public async Task Every_get_route_as_every_role_leaves_every_table_count_unchanged()
    {
        // sign-in writes its audit row: every role signs in before the first snapshot
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in Roles) clients[role] = await ApiLogin.ClientForAsync(app, $"{role}@diaban.local");
        var leader = clients["leader"];
        var signedIn = await CountsAsync();

        // the scores are not prepared yet: the GET answers 202 with the job, and the job (not the request) writes them
        var accepted = await leader.GetAsync("/api/patrol");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.NotNull(accepted.Headers.RetryAfter?.Delta);
        var jobUrl = accepted.Headers.Location!.ToString();
        Assert.StartsWith("/api/jobs/", jobUrl);
        using (var job = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()))
        {
            Assert.Equal(jobUrl, $"/api/jobs/{job.RootElement.GetProperty("id").GetString()}");
            Assert.Contains(job.RootElement.GetProperty("state").GetString(), new[] { "Queued", "Running" });
        }
        Assert.Equal("Succeeded", await PreparedAnswer.WaitForJobAsync(leader, jobUrl));
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/patrol")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PreparedAnswer.GetAsync(leader, "/api/model/backtest")).StatusCode);
        await WaitForIdleQueueAsync();
        var prepared = await CountsAsync();
        var changed = signedIn.Keys.Where(t => signedIn[t] != prepared[t]).Order().ToArray();
        Assert.Equal(["public.audit_entry", "public.risk_model", "public.risk_score"], changed);
        // one summary audit row per bulk write (train, score), none per score row
        Assert.Equal(2, prepared["public.audit_entry"] - signedIn["public.audit_entry"]);

        var routes = await GetRoutesAsync(clients["admin"]);
        Assert.True(routes.Count >= 12, $"only {routes.Count} GET routes in the OpenAPI document");
        var values = await RouteValuesAsync(jobUrl["/api/jobs/".Length..]);
        foreach (var (template, parameters) in routes)
        {
            var url = Fill(template, parameters, values);
            foreach (var role in Roles)
            {
                var response = await clients[role].GetAsync(url);
                output.WriteLine($"{role,-8} GET {url} → {(int)response.StatusCode}");
                Assert.True((int)response.StatusCode < 500, $"{role} GET {url} answered {(int)response.StatusCode}");
                Assert.NotEqual(HttpStatusCode.Accepted, response.StatusCode);
            }
        }

        await WaitForIdleQueueAsync();
        var after = await CountsAsync();
        Assert.Equal(prepared.Count, after.Count);
        Assert.All(prepared, t => Assert.True(after[t.Key] == t.Value, $"{t.Key}: {t.Value} rows before the GETs, {after[t.Key]} after"));
        foreach (var client in clients.Values) client.Dispose();
    }

    private async Task WaitForIdleQueueAsync()
    {
        var queue = app.Factory.Services.GetRequiredService<JobQueue>();
        while (!queue.IsIdle) await Task.Delay(100);
    }

    private static async Task<List<(string Template, List<(string Name, string In)> Parameters)>> GetRoutesAsync(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var routes = new List<(string, List<(string, string)>)>();
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get)) continue;
            var parameters = new List<(string, string)>();
            if (get.TryGetProperty("parameters", out var list))
                parameters.AddRange(list.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!)));
            routes.Add((path.Name, parameters));
        }
        return routes;
    }

    // Real values for every route and query parameter a GET route may take; an unknown route parameter fails the test.
    private async Task<Dictionary<string, string>> RouteValuesAsync(string jobId)
    {
        var year = await app.ScalarAsync<int>("SELECT max(year) FROM status_assessment");
        var ruleSet = await app.StringsAsync("SELECT id || '/' || version FROM rule_set ORDER BY id, version LIMIT 1");
        return new Dictionary<string, string>
        {
            ["code"] = await app.ScalarAsync<string>(
                "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL ORDER BY code LIMIT 1"),
            ["id"] = ruleSet[0].Split('/')[0],
            ["version"] = ruleSet[0].Split('/')[1],
            ["jobId"] = jobId,
            ["year"] = year.ToString(),
            // quarters with data (the demo ends inside the last year)
            ["from"] = $"{year - 3}Q1",
            ["to"] = $"{year - 1}Q4",
            ["period"] = $"{year}H1",
            // a vector tile over the demo province (/tiles/{layer}/{z}/{x}/{y}.mvt)
            ["layer"] = "status",
            ["z"] = "9",
            ["x"] = "402",
            ["y"] = "242",
        };
    }

    private static string Fill(string template, List<(string Name, string In)> parameters, Dictionary<string, string> values)
    {
        var url = template;
        foreach (var (name, _) in parameters.Where(p => p.In == "path"))
        {
            // the one {id} that is not a rule set is the job's
            var key = template.StartsWith("/api/jobs/", StringComparison.Ordinal) && name == "id" ? "jobId" : name;
            Assert.True(values.ContainsKey(key), $"GET {template}: no test value for route parameter {{{name}}}; add one");
            url = url.Replace($"{{{name}}}", Uri.EscapeDataString(values[key]));
        }
        var query = parameters.Where(p => p.In == "query" && values.ContainsKey(p.Name))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(values[p.Name])}").ToArray();
        return query.Length == 0 ? url : $"{url}?{string.Join('&', query)}";
    }

    /// <summary>Exact count(*) of every base table of both contexts (public: DiaBanDb, auth: Identity), by schema.table.</summary>
    private async Task<Dictionary<string, long>> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'auth') ORDER BY 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("public.admin_unit", tables);
        Assert.Contains("auth.\"AspNetUsers\"", tables);
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            counts[table.Replace("\"", "")] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
