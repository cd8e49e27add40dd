namespace DiaBan.Web.Hosting.Jobs;

public static class JobServiceExtensions
{
    /// <summary>The background job queue, its runner (a hosted service) and its health check.</summary>
    public static IServiceCollection AddDiaBanJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        services.AddHealthChecks().AddCheck<JobQueueHealthCheck>("background-jobs");
        return services;
    }
}
