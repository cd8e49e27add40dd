using System.Net;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Web.Tests.Api;

/// <summary>A user's area is applied on the server: calling the API directly cannot widen it.</summary>
public sealed class AreaScopeTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<List<string>> PoliceCommunesAsync()
    {
        var codes = await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");
        Assert.Equal(DemoAccounts.PoliceCommuneCount, codes.Count);
        return codes;
    }

    [Fact]
    public async Task Police_officer_sees_only_the_assigned_communes()
    {
        var assigned = await PoliceCommunesAsync();
        using var client = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync("/api/units?level=commune"));
        Assert.Equal(assigned, GeoJsonAssert.Codes(doc));
    }

    [Fact]
    public async Task Police_officer_sees_the_predecessors_of_the_assigned_communes_before_the_merger_and_nothing_else()
    {
        var assigned = await PoliceCommunesAsync();
        var predecessors = await app.StringsAsync(
            """
            SELECT DISTINCT o.code FROM unit_lineage l
            JOIN admin_unit o ON o.id = l.old_unit_id JOIN admin_unit n ON n.id = l.new_unit_id
            WHERE n.code = ANY(@codes) AND n.valid_to IS NULL AND o.valid_from <= DATE '2023-06-30' AND (o.valid_to IS NULL OR DATE '2023-06-30' < o.valid_to)
            ORDER BY 1
            """, ("codes", assigned.ToArray()));
        using var client = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync("/api/units?level=commune&date=2023-06-30"));
        Assert.Equal(predecessors, GeoJsonAssert.Codes(doc));
    }

    [Fact]
    public async Task Police_officer_status_map_has_only_the_assigned_communes_while_the_leader_sees_the_whole_province()
    {
        var assigned = await PoliceCommunesAsync();
        var year = int.Parse((await app.StringsAsync("SELECT max(year)::text FROM status_assessment"))[0]);
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var policeDoc = await GeoJsonAssert.ReadFeatureCollectionAsync(await police.GetAsync($"/api/status?year={year}"));
        Assert.Equal(assigned, GeoJsonAssert.Codes(policeDoc));

        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        using var leaderDoc = await GeoJsonAssert.ReadFeatureCollectionAsync(await leader.GetAsync($"/api/status?year={year}"));
        var province = await app.StringsAsync("""SELECT "AreaProvinceCode" FROM auth."AspNetUsers" WHERE "Email" = 'leader@diaban.local'""");
        var provinceCommunes = await app.ScalarAsync<long>(
            """
            SELECT count(*) FROM admin_unit u JOIN admin_unit p ON p.id = u.parent_id
            WHERE u.level = 'commune' AND p.code = @province
              AND u.valid_from <= make_date(@year, 12, 31) AND (u.valid_to IS NULL OR make_date(@year, 12, 31) < u.valid_to)
            """, ("province", province.Single()), ("year", year));
        Assert.Equal(provinceCommunes, GeoJsonAssert.Features(leaderDoc).Count);
        Assert.True(provinceCommunes > assigned.Count);
    }

    [Fact]
    public async Task Police_officer_cannot_read_the_history_of_another_commune()
    {
        var assigned = await PoliceCommunesAsync();
        var other = (await app.StringsAsync(
            "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND NOT (code = ANY(@codes)) ORDER BY code LIMIT 1",
            ("codes", assigned.ToArray()))).Single();
        using var client = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/status/history/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/status/history/{assigned[0]}")).StatusCode);
        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/status/history/{other}")).StatusCode);
    }

    [Fact]
    public async Task Police_officer_sees_no_province_outline()
    {
        using var client = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync("/api/units?level=province"));
        Assert.Empty(GeoJsonAssert.Features(doc));
    }

    [Fact]
    public async Task A_user_without_an_area_sees_nothing()
    {
        const string email = "no-area@diaban.local";
        using (var scope = app.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DiaBanUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new DiaBanUser { UserName = email, Email = email, DisplayName = "Không có địa bàn" };
                Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, DiaBanRoles.Police)).Succeeded);
            }
        }
        using var client = await ApiLogin.ClientForAsync(app, email);
        using var units = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync("/api/units?level=commune"));
        Assert.Empty(GeoJsonAssert.Features(units));
        var year = int.Parse((await app.StringsAsync("SELECT max(year)::text FROM status_assessment"))[0]);
        using var statuses = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync($"/api/status?year={year}"));
        Assert.Empty(GeoJsonAssert.Features(statuses));
    }
}
