using DiaBan.Geo.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Web.Tests.Infrastructure;

/// <summary>The real app (Program) on a given database, in demo mode unless told otherwise (then it seeds and creates the demo accounts).</summary>
/// <param name="services">more test services (e.g. a start-up filter that watches requests)</param>
public class DiaBanWebFactory(string connectionString, bool demo = true, IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:DiaBan", connectionString);
        builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        // tests see the app prepare risk scores on demand (202, then ready), not a job already running at start
        builder.UseSetting("RiskJobs:PrepareOnStart", "false");
        // no cell model trained in the background (40 s of CPU per class); tests that need it train it on demand
        builder.UseSetting("CellModel:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(test =>
        {
            // Geo reads the connection string when services are registered, before these settings exist: replace it
            test.AddSingleton(new DiaBanDatabase(connectionString, home: null));
            services?.Invoke(test);
        });
    }
}
