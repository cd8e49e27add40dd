using System.Net;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Security;

/// <summary>A police officer answers for a few communes: no province-wide figure may reach them through the API.</summary>
[Collection(SecurityCollection.Name)]
public sealed class AreaFiguresTests(SecurityAppFixture app)
{
    private const string Span = "from=2023Q1&to=2024Q4";

    [Fact]
    public async Task Police_density_reports_their_area_incidents_and_peak_not_the_province()
    {
        // an officer for the three communes with most incidents, so the area has density cells of its own
        var busiest = await app.StringsAsync("""
            SELECT u.code FROM admin_unit u JOIN incident i ON ST_Covers(u.geom, i.geom)
            WHERE u.level = 'commune' AND u.valid_to IS NULL AND i.occurred_on >= '2023-01-01' AND i.occurred_on < '2025-01-01'
            GROUP BY u.code ORDER BY count(*) DESC, u.code LIMIT 3
            """);
        var officer = await app.CreateUserAsync(DiaBan.Web.Auth.DiaBanRoles.Police, busiest);
        var province = await DensityAsync("leader@diaban.local", "10.2.0.1", DiaBan.Web.Auth.DemoAccounts.Password);
        var area = await DensityAsync(officer, "10.2.0.2", SecurityAppFixture.UserPassword);

        var provinceIncidents = province.GetProperty("density").GetProperty("incidents").GetInt32();
        var areaIncidents = area.GetProperty("density").GetProperty("incidents").GetInt32();
        Assert.True(areaIncidents < provinceIncidents, $"police see {areaIncidents} incidents, the province has {provinceIncidents}");

        var cells = area.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        Assert.NotEmpty(cells);
        var areaPeak = area.GetProperty("density").GetProperty("maximumPerKm2").GetDouble();
        Assert.Equal(cells.Max(c => c.GetProperty("density").GetDouble()), areaPeak, 3);
        Assert.True(areaPeak <= province.GetProperty("density").GetProperty("maximumPerKm2").GetDouble() + 1e-9);
        Assert.Equal(1.0, cells.Max(c => c.GetProperty("share").GetDouble()), 3);
    }

    [Fact]
    public async Task Police_cannot_read_the_province_wide_backtest()
    {
        using var client = await ClientAsync("police@diaban.local", "10.2.0.3");
        var response = await client.GetAsync("/api/model/backtest");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<JsonElement> DensityAsync(string email, string ip, string password)
    {
        using var client = await ClientAsync(email, ip, password);
        var response = await client.GetAsync($"/api/density?{Span}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<HttpClient> ClientAsync(string email, string ip, string password = DiaBan.Web.Auth.DemoAccounts.Password)
    {
        var client = app.ClientFrom(ip);
        client.DefaultRequestHeaders.Authorization = new("Bearer", await ApiLogin.TokenAsync(client, email, password));
        return client;
    }
}
