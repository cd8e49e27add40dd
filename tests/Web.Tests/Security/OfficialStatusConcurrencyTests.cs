using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Tests.Api;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Security;

/// <summary>
/// Issue 11: 20 parallel official-status writes all succeeded and ten audit rows claimed a previous value of null.
/// Now a write names the version it read (If-Match): one writer wins per version, and the audit chains.
/// </summary>
public sealed class OfficialStatusConcurrencyTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly string[] Statuses = ["drug_free", "has_drugs", "key_type_iii"];

    private async Task<(string Code, int Year)> CommuneAsync(int skip)
    {
        var year = await app.ScalarAsync<int>("SELECT max(year) FROM status_assessment");
        var codes = await app.StringsAsync("""
            SELECT u.code FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id
            WHERE a.year = @year AND u.valid_to IS NULL AND a.official_status IS NULL ORDER BY u.code
            """, ("year", year));
        return (codes[skip], year);
    }

    private static async Task<EntityTagHeaderValue> ETagAsync(HttpClient client, string code, int year)
    {
        var response = await client.GetAsync($"/api/status/{code}/{year}/official");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag ?? throw new InvalidOperationException("GET official has no ETag");
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string code, int year, string status, string reason,
        EntityTagHeaderValue? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/status/{code}/{year}/official")
        {
            Content = JsonContent.Create(new { status, reason }),
        };
        if (ifMatch is not null) request.Headers.IfMatch.Add(ifMatch);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Twenty_parallel_writes_over_one_version_let_exactly_one_through()
    {
        var (code, year) = await CommuneAsync(skip: 0);
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var etag = await ETagAsync(leader, code, year);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            PutAsync(leader, code, year, Statuses[i % Statuses.Length], $"QĐ {i}/QĐ-UBND", etag)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        Assert.NotEqual(etag, winner.Headers.ETag);
        Assert.Equal(winner.Headers.ETag, await ETagAsync(leader, code, year));
        Assert.Equal(1L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM audit_entry e JOIN status_assessment a ON e.entity_key = a.id::text JOIN admin_unit u ON u.id = a.unit_id
            WHERE e.entity = 'status_assessment' AND u.code = @code AND a.year = @year
            """, ("code", code), ("year", year)));
    }

    [Fact]
    public async Task Twenty_writers_that_reread_on_conflict_all_land_and_the_audit_before_values_chain()
    {
        var (code, year) = await CommuneAsync(skip: 1);
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");

        async Task<int> WriteUntilAcceptedAsync(int i)
        {
            for (var attempt = 1; ; attempt++)
            {
                var response = await PutAsync(leader, code, year, Statuses[i % Statuses.Length], $"QĐ {i}/QĐ-UBND", await ETagAsync(leader, code, year));
                if (response.StatusCode == HttpStatusCode.OK) return attempt;
                Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
            }
        }
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(WriteUntilAcceptedAsync));
        Assert.True(attempts.Sum() > 20, "no writer ever met a conflict: the test did not run in parallel");

        var details = await app.StringsAsync("""
            SELECT e.details::text FROM audit_entry e JOIN status_assessment a ON e.entity_key = a.id::text JOIN admin_unit u ON u.id = a.unit_id
            WHERE e.entity = 'status_assessment' AND e.action = 'update' AND u.code = @code AND a.year = @year ORDER BY e.id
            """, ("code", code), ("year", year));
        Assert.Equal(20, details.Count);
        string? before = null;
        foreach (var row in details)
        {
            using var doc = JsonDocument.Parse(row);
            var reason = doc.RootElement.GetProperty("official_reason");
            var status = doc.RootElement.TryGetProperty("official_status", out var s) ? s : default;
            // each update starts from the value the previous one left (only one row may claim "from null")
            if (status.ValueKind == JsonValueKind.Object)
            {
                Assert.Equal(before, status.GetProperty("from").GetString());
                before = status.GetProperty("to").GetString();
            }
            Assert.Equal(JsonValueKind.Object, reason.ValueKind);
        }
        Assert.Equal(before, await app.ScalarAsync<string>("""
            SELECT a.official_status FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id WHERE u.code = @code AND a.year = @year
            """, ("code", code), ("year", year)));
    }

    [Fact]
    public async Task A_write_without_If_Match_is_refused_with_428_and_changes_nothing()
    {
        var (code, year) = await CommuneAsync(skip: 2);
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var response = await PutAsync(leader, code, year, "drug_free", "QĐ 1/QĐ-UBND", ifMatch: null);
        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id
            WHERE u.code = @code AND a.year = @year AND a.official_status IS NOT NULL
            """, ("code", code), ("year", year)));
    }

    [Fact]
    public async Task The_status_feature_carries_the_same_version_as_the_ETag()
    {
        var (code, year) = await CommuneAsync(skip: 3);
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var etag = await ETagAsync(leader, code, year);
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await leader.GetAsync($"/api/status?year={year}"));
        var version = GeoJsonAssert.Features(doc).Single(f => f.GetProperty("properties").GetProperty("code").GetString() == code)
            .GetProperty("properties").GetProperty("version").GetInt64();
        Assert.Equal($"\"{version}\"", etag.Tag);
    }
}
