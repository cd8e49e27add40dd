using System.Net;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>GET /api/completeness: per commune, area and total, inside the caller's area only.</summary>
public sealed class CompletenessApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static List<string> Codes(JsonElement report) =>
        report.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();

    [Fact]
    public async Task Police_officer_sees_only_his_communes_while_the_leader_sees_the_province()
    {
        var assigned = await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var mine = await ReadAsync(await police.GetAsync("/api/completeness?year=2026"));
        Assert.Equal(assigned, Codes(mine));
        Assert.Equal(assigned.Count, mine.GetProperty("total").GetProperty("communes").GetInt32());

        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var all = await ReadAsync(await leader.GetAsync("/api/completeness?year=2026"));
        Assert.True(Codes(all).Count > assigned.Count);
        Assert.Equal("2027-01-15", all.GetProperty("deadline").GetString());
    }

    [Fact]
    public async Task Every_demo_commune_of_2024_is_counted_once_with_a_share_and_a_timeliness()
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var report = await ReadAsync(await leader.GetAsync("/api/completeness?year=2024"));
        var communes = report.GetProperty("communes").EnumerateArray().ToList();
        var total = report.GetProperty("total");

        Assert.Equal(communes.Count, Codes(report).Distinct().Count());
        Assert.Equal(communes.Count, total.GetProperty("onTime").GetInt32() + total.GetProperty("late").GetInt32()
                                     + total.GetProperty("notReceived").GetInt32() + total.GetProperty("notDue").GetInt32());
        // the demo sends some rows late (DemoReporting), none missing
        Assert.True(total.GetProperty("late").GetInt32() > 0);
        Assert.Equal(0, total.GetProperty("notReceived").GetInt32());
        Assert.Equal(communes.Sum(c => c.GetProperty("present").GetInt32()), total.GetProperty("present").GetInt32());
    }

    [Fact]
    public async Task A_year_is_required()
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync("/api/completeness")).StatusCode);
    }
}
