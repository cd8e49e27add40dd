using DiaBan.Analytics.Places;
using DiaBan.Web.Hosting.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Tests.Api;

/// <summary>Section "Shifts": configured shifts replace the defaults (not appended to them) and must cover each hour once.</summary>
public sealed class ShiftOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddDiaBanOptions(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Defaults_are_three_eight_hour_shifts_and_configured_ones_replace_them()
    {
        using (var services = Build([]))
            Assert.Equal(Shift.Defaults, services.GetRequiredService<IOptions<ShiftOptions>>().Value.Effective);
        using (var services = Build(new() { ["Shifts:Shifts:0"] = "06-18", ["Shifts:Shifts:1"] = "18-06" }))
            Assert.Equal([new Shift(6, 18), new Shift(18, 6)], services.GetRequiredService<IOptions<ShiftOptions>>().Value.Effective);
    }

    [Theory]
    [InlineData("Shifts:Shifts:0", "06-18", "hour 00:00 is in 0 shifts")]
    [InlineData("Shifts:Shifts:0", "night", "'night' is not a shift")]
    [InlineData("Shifts:MinTimedIncidents", "0", "MinTimedIncidents")]
    [InlineData("Shifts:PriorStrength", "-1", "PriorStrength")]
    public void A_bad_value_is_refused_naming_it(string key, string value, string expected)
    {
        using var services = Build(new() { [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ShiftOptions>>().Value);
        Assert.Contains(expected, error.Message);
    }
}
