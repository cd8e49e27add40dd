using System.Net;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

public sealed class OpenApiAndHealthTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task OpenApi_document_lists_the_geojson_endpoints_and_the_bearer_scheme()
    {
        using var client = await ApiLogin.ClientForAsync(app, "admin@diaban.local");
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/units", out _) || paths.TryGetProperty("/api/units/", out _));
        Assert.True(paths.TryGetProperty("/api/status", out _) || paths.TryGetProperty("/api/status/", out _));
        Assert.True(paths.TryGetProperty("/api/auth/login", out _));
        Assert.True(doc.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task Health_reports_the_database_and_the_job_queue_without_login()
    {
        using var client = app.Factory.CreateClient();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", doc.RootElement.GetProperty("status").GetString());
        var checks = doc.RootElement.GetProperty("checks");
        Assert.Equal(["background-jobs", "database"], checks.EnumerateObject().Select(c => c.Name).Order());
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
        Assert.Equal(0, checks.GetProperty("background-jobs").GetProperty("data").GetProperty("failed").GetInt32());
    }
}
