using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using Npgsql;

namespace DiaBan.Web.Hosting;

public static class DatabaseServiceExtensions
{
    /// <summary>
    /// The DiaBan database for the web: EF context (audited as the signed-in user), a pooled data source for the
    /// read-side queries (safe to share across Blazor circuits), and the queries themselves.
    /// </summary>
    public static IServiceCollection AddDiaBanDatabase(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseConnection>();
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<DatabaseConnection>().ConnectionString));
        services.AddScoped(sp =>
        {
            var db = DiaBanDb.Create(sp.GetRequiredService<DatabaseConnection>().ConnectionString);
            var user = sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User;
            // changes made through the web are audited under the signed-in user's name
            if (user?.Identity?.IsAuthenticated == true && user.Identity.Name is { Length: > 0 } name)
            {
                db.Actor = $"web:{name}";
            }
            return db;
        });
        services.AddSingleton<UnitQueries>();
        services.AddSingleton<StatusQueries>();
        services.AddSingleton(sp => new DemoMode(DatabaseStartup.IsDemo(sp.GetRequiredService<IConfiguration>())));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
