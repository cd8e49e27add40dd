using DiaBan.Web.Auth;
using DiaBan.Web.Hosting.Options;
using DiaBan.Web.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Tests.Api;

/// <summary>Configuration is checked when the app starts: a bad value stops it with the key named, not on first use.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        using var services = Build([]);
        Assert.Equal("", services.GetRequiredService<IOptions<MapOptions>>().Value.TileUrl);
        Assert.Equal(DiaBanOptions.DefaultUrls, services.GetRequiredService<IOptions<DiaBanOptions>>().Value.Urls);
        Assert.Equal(4, services.GetRequiredService<IOptions<RiskJobOptions>>().Value.BacktestQuarters);
    }

    [Theory]
    [InlineData("Map:TileUrl", "tiles.example.org/{z}/{x}/{y}.png", "Map:TileUrl")]
    [InlineData("Map:TileUrl", "https://tiles.example.org/{z}/{x}.png", "lacks {y}")]
    [InlineData("DIABAN_URLS", "127.0.0.1:5080", "DIABAN_URLS")]
    [InlineData("OpenTelemetry:Enabled", "true;OpenTelemetry:Exporter=Otlp", "OtlpEndpoint")]
    [InlineData("RiskJobs:QueueCapacity", "0", "QueueCapacity")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value, string expected)
    {
        // "a;b=c" sets a second key, for checks that need two
        var settings = new Dictionary<string, string?>();
        var parts = value.Split(';');
        settings[key] = parts[0];
        foreach (var extra in parts.Skip(1)) settings[extra.Split('=')[0]] = extra.Split('=')[1];
        using var services = Build(settings);
        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<MapOptions>>().Value;
            _ = services.GetRequiredService<IOptions<DiaBanOptions>>().Value;
            _ = services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
            _ = services.GetRequiredService<IOptions<RiskJobOptions>>().Value;
        });
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Tiles_need_their_attribution()
    {
        using var services = Build(new() { ["Map:TileUrl"] = "https://{s}.tile.example.org/{z}/{x}/{y}.png" });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MapOptions>>().Value);
        Assert.Contains("TileAttribution", error.Message);
    }

    [Fact]
    public void Planners_may_not_plan_patrols_and_only_administrators_edit_rule_sets()
    {
        Assert.DoesNotContain(DiaBanRoles.Planner, DiaBanPolicies.RolesOf(DiaBanPolicies.CanPlanPatrols));
        Assert.Equal([DiaBanRoles.Admin], DiaBanPolicies.RolesOf(DiaBanPolicies.CanEditRuleSets));
        Assert.Equal([DiaBanRoles.Leader, DiaBanRoles.Admin], DiaBanPolicies.RolesOf(DiaBanPolicies.CanRecordOfficialStatus));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddDiaBanOptions(configuration);
        services.AddOptions<RiskJobOptions>().BindConfiguration(RiskJobOptions.Section).ValidateDataAnnotations();
        return services.BuildServiceProvider();
    }
}
