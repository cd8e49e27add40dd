using DiaBan.Geo.Data;
using DiaBan.Geo.Hosting;
using DiaBan.Geo.Services;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Geo.Tests.Hosting;

/// <summary>What the web app does at startup: AddDiaBanGeo(configuration), PrepareDatabaseAsync, then resolve services.</summary>
public class ServiceRegistrationTests(DatabaseFixture fx) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Configured_database_is_prepared_and_every_service_resolves_on_it()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:DiaBan"] = fx.ConnectionString })
            .Build();
        await using var provider = new ServiceCollection().AddDiaBanGeo(configuration).BuildServiceProvider(validateScopes: true);
        Assert.Equal(fx.ConnectionString, await provider.PrepareDatabaseAsync());
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiaBanDb>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var classifier = scope.ServiceProvider.GetRequiredService<YearClassifier>();
        Assert.Equal(0, (await classifier.ClassifyAsync(2024)).Units);
        var factory = provider.GetRequiredService<IDbContextFactory<DiaBanDb>>();
        await using var other = await factory.CreateDbContextAsync();
        Assert.True(await other.RuleSets.AnyAsync()); // seeded by the classification above
    }
}
